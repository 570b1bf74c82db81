//! The 26 official sheets of QĐ 26/2026/QĐ-TTg, compiled into the binary so that `ocop`
//! works with nothing beside it. The files themselves live in `rubrics/`.

/// (file name, text), in set order.
pub const FILES: [(&str, &str); 26] = [
    ("rau-cu-qua-hat-tuoi.toml", include_str!("../../rubrics/rau-cu-qua-hat-tuoi.toml")),
    ("thit-thuy-san-trung-sua-tuoi.toml", include_str!("../../rubrics/thit-thuy-san-trung-sua-tuoi.toml")),
    ("gao-ngu-coc-hat-so-che.toml", include_str!("../../rubrics/gao-ngu-coc-hat-so-che.toml")),
    ("mat-ong-mat-khac-tpthuc-khac.toml", include_str!("../../rubrics/mat-ong-mat-khac-tpthuc-khac.toml")),
    ("do-an-nhanh.toml", include_str!("../../rubrics/do-an-nhanh.toml")),
    ("che-bien-tu-gao-ngu-coc.toml", include_str!("../../rubrics/che-bien-tu-gao-ngu-coc.toml")),
    ("che-bien-tu-rau-cu-qua-hat.toml", include_str!("../../rubrics/che-bien-tu-rau-cu-qua-hat.toml")),
    ("che-bien-tu-thit-trung-sua-ts.toml", include_str!("../../rubrics/che-bien-tu-thit-trung-sua-ts.toml")),
    ("tuong-nuoc-mam-gia-vi-dang-long.toml", include_str!("../../rubrics/tuong-nuoc-mam-gia-vi-dang-long.toml")),
    ("gia-vi-khac.toml", include_str!("../../rubrics/gia-vi-khac.toml")),
    ("che-tuoi-che-bien.toml", include_str!("../../rubrics/che-tuoi-che-bien.toml")),
    ("san-pham-che-tu-thuc-vat-khac.toml", include_str!("../../rubrics/san-pham-che-tu-thuc-vat-khac.toml")),
    ("ca-phe-ca-cao.toml", include_str!("../../rubrics/ca-phe-ca-cao.toml")),
    ("ruou-trang.toml", include_str!("../../rubrics/ruou-trang.toml")),
    ("do-uong-co-con-khac.toml", include_str!("../../rubrics/do-uong-co-con-khac.toml")),
    ("nuoc-khoang-nuoc-uong-dong-chai.toml", include_str!("../../rubrics/nuoc-khoang-nuoc-uong-dong-chai.toml")),
    ("do-uong-khong-con.toml", include_str!("../../rubrics/do-uong-khong-con.toml")),
    ("tpcn-thuoc-duoc-lieu-co-truyen.toml", include_str!("../../rubrics/tpcn-thuoc-duoc-lieu-co-truyen.toml")),
    ("my-pham-tu-duoc-lieu.toml", include_str!("../../rubrics/my-pham-tu-duoc-lieu.toml")),
    ("tinh-dau-duoc-lieu-khac.toml", include_str!("../../rubrics/tinh-dau-duoc-lieu-khac.toml")),
    ("tcmn-gia-dung-trang-tri.toml", include_str!("../../rubrics/tcmn-gia-dung-trang-tri.toml")),
    ("vai-may-mac.toml", include_str!("../../rubrics/vai-may-mac.toml")),
    ("hoa.toml", include_str!("../../rubrics/hoa.toml")),
    ("cay-canh.toml", include_str!("../../rubrics/cay-canh.toml")),
    ("dong-vat-canh.toml", include_str!("../../rubrics/dong-vat-canh.toml")),
    ("dv-du-lich-cong-dong-sinh-thai.toml", include_str!("../../rubrics/dv-du-lich-cong-dong-sinh-thai.toml")),
];
