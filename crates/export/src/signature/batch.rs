//! Many signatures checked at once. `verify` reads a province's 100,000 signed sheets; checked
//! one by one, the Ed25519 equations are a sixth of its time. Checked in a batch, one
//! multi-scalar multiplication answers for all of them (ed25519-dalek's `verify_batch`, with
//! coefficients drawn from the whole batch, so no signature can be made to pass by its
//! neighbours): about half the work. A batch that fails is checked again one by one, to
//! name the signatures that do not hold.

use std::collections::HashMap;

use ed25519_dalek::{Signature, VerifyingKey};
use signature::Verifier;
use ssh_key::HashAlg;

use super::{SigFile, signed_data};
use ocop_sign::NAMESPACE;

/// The signatures gathered for one check: what each signed, the signature, its signer.
#[derive(Default)]
pub struct Batch {
    data: Vec<Vec<u8>>,
    signatures: Vec<Signature>,
    keys: Vec<VerifyingKey>,
    /// Each signer's point, decompressed once: a council has a handful of keys.
    known: HashMap<[u8; 32], Option<VerifyingKey>>,
}

impl Batch {
    /// Takes the signature of a file whose SHA-256 is `digest` into the batch, when it is one
    /// the batch can check (Ed25519, in the sheets' namespace, over SHA-256); its number in
    /// the batch. Any other is checked alone, by `seal_file`.
    pub fn add(&mut self, sig: &SigFile, digest: &[u8; 32]) -> Option<usize> {
        let SigFile::Parsed(sig) = sig else {
            return None;
        };
        let key = sig.public_key().ed25519()?;
        if sig.namespace() != NAMESPACE || sig.hash_alg() != HashAlg::Sha256 {
            return None;
        }
        let point = (*self
            .known
            .entry(key.0)
            .or_insert_with(|| VerifyingKey::from_bytes(&key.0).ok()))?;
        let signature = Signature::try_from(sig.signature()).ok()?;
        self.data.push(signed_data(sig, digest));
        self.signatures.push(signature);
        self.keys.push(point);
        Some(self.keys.len() - 1)
    }

    /// Whether each signature taken holds, by its number.
    pub fn check(self) -> Vec<bool> {
        let messages: Vec<&[u8]> = self.data.iter().map(Vec::as_slice).collect();
        if ed25519_dalek::verify_batch(&messages, &self.signatures, &self.keys).is_ok() {
            return vec![true; messages.len()];
        }
        let alone = |i: usize| {
            self.keys[i]
                .verify(messages[i], &self.signatures[i])
                .is_ok()
        };
        (0..messages.len()).map(alone).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_catalog::check::sha256;
    use ocop_sign::seeded;

    /// The signature files of `files`, each signed by one of two keys.
    fn signed(files: &[Vec<u8>]) -> Vec<SigFile> {
        let signers = [seeded(&[1; 32], "a"), seeded(&[2; 32], "b")];
        let sign = |(i, file): (usize, &Vec<u8>)| signers[i % 2].sign(file).expect("sign");
        let armored: Vec<String> = files.iter().enumerate().map(sign).collect();
        armored.iter().map(|a| SigFile::of(Some(a))).collect()
    }

    #[test]
    fn a_batch_names_exactly_the_signatures_that_do_not_hold() {
        let files: Vec<Vec<u8>> = (0..40)
            .map(|i| format!("{{\"n\": {i}}}\n").into())
            .collect();
        let sigs = signed(&files);
        let mut batch = Batch::default();
        for (i, (file, sig)) in files.iter().zip(&sigs).enumerate() {
            // Files 7 and 31 changed after they were signed.
            let read = match i {
                7 | 31 => sha256(b"changed"),
                _ => sha256(file),
            };
            assert_eq!(batch.add(sig, &read), Some(i));
        }
        let holds = batch.check();
        let refused: Vec<usize> = (0..40).filter(|i| !holds[*i]).collect();
        assert_eq!(refused, [7, 31]);
    }

    #[test]
    fn a_sound_batch_holds_whole_and_an_empty_one_holds() {
        let files: Vec<Vec<u8>> = (0..9).map(|i| vec![b'x'; i * 100]).collect();
        let mut batch = Batch::default();
        for (file, sig) in files.iter().zip(&signed(&files)) {
            batch.add(sig, &sha256(file));
        }
        assert_eq!(batch.check(), vec![true; 9]);
        assert_eq!(Batch::default().check(), Vec::<bool>::new());
    }

    #[test]
    fn what_the_batch_cannot_check_is_left_to_be_checked_alone() {
        let mut batch = Batch::default();
        assert_eq!(batch.add(&SigFile::Absent, &[0; 32]), None);
        assert_eq!(batch.add(&SigFile::Unparsed, &[0; 32]), None);
        let ocop_sign::Signer::File(key) = seeded(&[3; 32], "c") else {
            unreachable!("a seeded signer holds its key")
        };
        let armored = |namespace: &str, hash: HashAlg| {
            let sig = key.sign(namespace, hash, b"x").expect("sign");
            SigFile::of(Some(&sig.to_pem(ssh_key::LineEnding::LF).expect("armor")))
        };
        // Another namespace, and SHA-512 (`ssh-keygen`'s default): checked alone.
        let foreign = armored("file", HashAlg::Sha256);
        assert_eq!(batch.add(&foreign, &sha256(b"x")), None);
        let sha512 = armored(NAMESPACE, HashAlg::Sha512);
        assert_eq!(batch.add(&sha512, &sha256(b"x")), None);
        assert!(batch.check().is_empty());
    }
}
