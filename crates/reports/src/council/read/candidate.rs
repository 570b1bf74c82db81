//! One sheet file as the council reads it: its bytes, its signature, and its figures
//! recomputed from its answers on its rubric.

use super::{Counted, PointsOf};
use ocop_catalog::Catalog;
use ocop_domain::claim::points_of;
use ocop_export::document;
use ocop_export::figures::{self, Checked, Marks, Stated};
use ocop_export::roster::Roster;
use ocop_export::scan::{self, Entry};
use ocop_export::signature;
use ocop_words::Words;

/// A sheet read for the council: what it shows, its bytes and their SHA-256, its `.sig`, and
/// whether that holds when a batch has told.
pub(super) struct Candidate {
    bytes: Vec<u8>,
    pub digest: [u8; 32],
    pub doc: Counted,
    pub sig: signature::SigFile,
    pub holds: Option<bool>,
}

impl Candidate {
    pub fn read(entry: &Entry) -> Result<Candidate, Words> {
        let (bytes, mut doc): (_, Counted) = scan::load_as(entry)?;
        let sig = signature::SigFile::read(&entry.path());
        doc.file = entry.relative();
        Ok(Candidate {
            digest: ocop_catalog::check::sha256(&bytes),
            bytes,
            doc,
            sig,
            holds: None,
        })
    }

    /// Recomputes its figures from its answers on its rubric, or says why it cannot count:
    /// its rubric is not known here, or what it states disagrees.
    pub fn recount(&mut self, catalog: &Catalog) -> Result<(), Words> {
        let d = &mut self.doc;
        let marks = Marks {
            answers: &d.stated,
            case: d.case,
            dossier_rejected: d.dossier_rejected.as_deref(),
        };
        let stated = Stated {
            answers: &d.stated,
            parts: &d.parts,
            total: d.total,
            stars: d.stars,
            eliminated: d.eliminated,
        };
        let recounted = match figures::check(catalog, &d.rubric.sha256, marks, stated) {
            Checked::Agrees(recounted) => recounted,
            Checked::Disagrees(_, why) | Checked::Unscored(why) => return Err(why),
        };
        let claims = d.claims_stated.take().map(|c| c.claims).unwrap_or_default();
        let rubric = catalog.by_sha256(&d.rubric.sha256);
        let claimed = |code: &ocop_domain::rubric::Code| {
            let claim = claims.iter().find(|c| &c.code == code)?;
            Some(points_of(rubric?, code, claim.option)?.0)
        };
        d.held_by = document::held_by(&recounted.score);
        d.elimination_reasons = document::eliminations(&recounted.score);
        // What the council keeps of each answer, the file's own form let go.
        let stated = std::mem::take(&mut d.stated);
        d.answers = stated
            .into_iter()
            .zip(&recounted.leaves)
            .map(|(a, leaf)| PointsOf {
                claimed: claimed(&a.code),
                applies: leaf.applies,
                code: a.code,
                points: a.points,
                max: a.max,
                state: a.state,
            })
            .collect();
        Ok(())
    }

    /// Why it does not count for the council, or `None` when its signature does.
    pub fn why_not_counted(&self, roster: Option<&Roster>) -> Option<Words> {
        let file = signature::Content {
            bytes: &self.bytes,
            sha256: Some(&self.digest),
            holds: self.holds,
        };
        let id = self.doc.assessor.id.as_deref();
        signature::seal_file(file, id, &self.sig, roster).reason()
    }
}
