//! The words of `ocop key`, in both languages.

use ocop_domain::Lang;

pub struct KeyWords {
    /// There is no assessor id to name the key by.
    pub no_principal: &'static str,
    /// Before the fingerprint.
    pub key: &'static str,
    /// After the key's path, when the default key was made just now.
    pub made: &'static str,
    /// After the key's path, when an ssh-agent holds the private key.
    pub by_agent: &'static str,
    /// After the key's path, when only its public half can be read here (a `.pub`, or a
    /// key behind a passphrase) and no agent holds it: the line needs no more.
    pub public_only: &'static str,
    /// What to do with the line.
    pub send: &'static str,
}

const VI: KeyWords = KeyWords {
    no_principal: "chưa có mã người chấm: đặt assessor (họ tên) hoặc assessor_id (chữ ASCII, \
                   số, '.', '_', '-') trong tệp cấu hình, hoặc dùng --assessor-id",
    key: "khoá",
    made: ", vừa tạo",
    by_agent: " (ssh-agent ký)",
    public_only: " (ở đây chỉ đọc được khoá công khai: để ký phiếu cần ssh-agent giữ khoá \
                  bí mật, hoặc mật khẩu của khoá)",
    send: "gửi dòng trên cho thư ký hội đồng để thêm vào allowed_signers",
};

const EN: KeyWords = KeyWords {
    no_principal: "no assessor id: set assessor (the name) or assessor_id (ASCII letters, \
                   digits, '.', '_', '-') in the config file, or give --assessor-id",
    key: "key",
    made: ", made now",
    by_agent: " (signed by the ssh-agent)",
    public_only: " (only the public key can be read here: signing sheets needs an ssh-agent \
                  holding the private key, or the key's passphrase)",
    send: "send the line above to the council's secretary for allowed_signers",
};

pub fn key_words(lang: Lang) -> &'static KeyWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
