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
    /// What to do with the line.
    pub send: &'static str,
}

const VI: KeyWords = KeyWords {
    no_principal: "chưa có mã người chấm: đặt assessor (họ tên) hoặc assessor_id (chữ ASCII, \
                   số, '.', '_', '-') trong tệp cấu hình, hoặc dùng --assessor-id",
    key: "khoá",
    made: ", vừa tạo",
    by_agent: " (ssh-agent ký)",
    send: "gửi dòng trên cho thư ký hội đồng để thêm vào allowed_signers",
};

const EN: KeyWords = KeyWords {
    no_principal: "no assessor id: set assessor (the name) or assessor_id (ASCII letters, \
                   digits, '.', '_', '-') in the config file, or give --assessor-id",
    key: "key",
    made: ", made now",
    by_agent: " (signed by the ssh-agent)",
    send: "send the line above to the council's secretary for allowed_signers",
};

pub fn key_words(lang: Lang) -> &'static KeyWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
