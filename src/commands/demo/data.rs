//! Names for `ocop demo`: products per set (in set order), producers, places, assessors.
//! Invented, but of the kind a district's OCOP list holds.

/// Products of each of the 26 sets, in set order.
pub const PRODUCTS: [&[&str]; 26] = [
    &[
        "Bưởi Đoan Hùng",
        "Cam Cao Phong",
        "Vải thiều Thanh Hà",
        "Nhãn lồng Hưng Yên",
        "Khoai lang Tây Thiên",
    ],
    &[
        "Trứng gà đồi Yên Thế",
        "Thịt lợn đen Mường Lát",
        "Cá lăng sông Đà",
        "Sữa bò tươi Mộc Châu",
        "Tôm càng Cà Mau",
    ],
    &[
        "Gạo Séng Cù Bát Xát",
        "Gạo ST25 Sóc Trăng",
        "Nếp cái hoa vàng Kinh Môn",
        "Gạo tám thơm Hải Hậu",
        "Hạt điều Bình Phước",
    ],
    &[
        "Mật ong bạc hà Đồng Văn",
        "Mật ong hoa nhãn Hưng Yên",
        "Mật ong rừng U Minh",
        "Mật mía Quảng Ngãi",
    ],
    &[
        "Bánh mì que Hải Phòng",
        "Phở khô Nam Định",
        "Bún bò Huế đóng gói",
        "Miến dong Bình Liêu ăn liền",
    ],
    &[
        "Bánh đa nem Làng Chều",
        "Bún khô Phú Thọ",
        "Bánh gai Ninh Giang",
        "Cốm làng Vòng",
        "Miến dong Bình Liêu",
    ],
    &[
        "Mứt gừng Kim Long",
        "Măng khô Thanh Sơn",
        "Chuối sấy Tân Sơn",
        "Hồng treo gió Đà Lạt",
        "Mít sấy Tân Phú",
    ],
    &[
        "Chả mực Hạ Long",
        "Ruốc tôm Nghệ An",
        "Lạp xưởng Cần Đước",
        "Thịt trâu gác bếp Sơn La",
        "Cá thu một nắng Phú Quốc",
    ],
    &[
        "Nước mắm Phú Quốc",
        "Nước mắm Cát Hải",
        "Tương Bần Hưng Yên",
        "Nước mắm Nam Ô",
        "Tương ớt Mường Khương",
    ],
    &[
        "Muối tôm Tây Ninh",
        "Tỏi Lý Sơn",
        "Tiêu Chư Sê",
        "Hành tím Vĩnh Châu",
        "Muối hầm Hoài Nhơn",
    ],
    &[
        "Chè Shan tuyết Thanh Sơn",
        "Chè Tân Cương Thái Nguyên",
        "Chè Long Cốc Tân Sơn",
        "Chè Shan tuyết Suối Giàng",
        "Trà Ô long Mộc Châu",
    ],
    &[
        "Trà hoa vàng Ba Chẽ",
        "Trà Atiso Đà Lạt",
        "Trà túi lọc lá sen Đồng Tháp",
        "Trà gạo lứt Thái Bình",
    ],
    &[
        "Cà phê Robusta Buôn Ma Thuột",
        "Cà phê Arabica Cầu Đất",
        "Cà phê Sơn La",
        "Ca cao Bến Tre",
        "Cà phê Khe Sanh",
    ],
    &[
        "Rượu làng Vân",
        "Rượu Bàu Đá",
        "Rượu ngô men lá Bắc Hà",
        "Rượu Kim Sơn",
        "Rượu làng Chuồn",
    ],
    &[
        "Rượu vang nho Ninh Thuận",
        "Rượu sim Phú Quốc",
        "Rượu cần Tây Nguyên",
        "Rượu mơ Yên Tử",
    ],
    &[
        "Nước khoáng Thanh Thủy",
        "Nước khoáng Kim Bôi",
        "Nước uống đóng chai Tam Đảo",
    ],
    &[
        "Nước cốt chanh leo Nghệ An",
        "Nước dừa Bến Tre đóng lon",
        "Siro dâu tằm Đà Lạt",
        "Nước ép mía Sóc Trăng",
    ],
    &[
        "Cao Actiso Sa Pa",
        "Viên tinh nghệ mật ong Nghệ An",
        "Cao bìm bìm Phú Thọ",
        "Trà giảo cổ lam Hòa Bình",
    ],
    &[
        "Dầu gội bồ kết Hương Sơn",
        "Xà phòng sả chanh Phú Thọ",
        "Son dưỡng dầu dừa Bến Tre",
        "Nước hoa bưởi Đoan Hùng",
    ],
    &[
        "Tinh dầu quế Yên Bái",
        "Tinh dầu sả Quảng Trị",
        "Tinh dầu tràm Huế",
        "Ba kích tím Quảng Ninh",
    ],
    &[
        "Nón lá Chuông",
        "Mây tre đan Phú Vinh",
        "Gốm Bát Tràng",
        "Khảm trai Chuyên Mỹ",
        "Tranh Đông Hồ",
    ],
    &[
        "Thổ cẩm Mai Châu",
        "Lụa Vạn Phúc",
        "Khăn lanh Lùng Tám",
        "Dệt thổ cẩm Chăm Mỹ Nghiệp",
    ],
    &[
        "Hoa đào Nhật Tân",
        "Hoa lan hồ điệp Mê Linh",
        "Hoa cúc Tây Tựu",
        "Hoa hồng Sa Đéc",
    ],
    &[
        "Quất cảnh Tứ Liên",
        "Bonsai sanh Vị Khê",
        "Mai vàng Bình Lợi",
        "Tùng la hán Văn Giang",
    ],
    &[
        "Cá Koi Thủy Nguyên",
        "Chim chào mào Phú Thọ",
        "Cá cảnh Vĩnh Long",
    ],
    &[
        "Du lịch cộng đồng bản Lác",
        "Du lịch sinh thái Xuân Sơn",
        "Làng cổ Đường Lâm",
        "Homestay bản Cát Cát",
    ],
];

pub const PRODUCER_KINDS: [&str; 5] = [
    "HTX",
    "Công ty TNHH",
    "Hộ kinh doanh",
    "Tổ hợp tác",
    "Công ty CP",
];

pub const PRODUCER_NAMES: [&str; 16] = [
    "Thanh Sơn",
    "Hùng Vương",
    "Đồng Tâm",
    "Phú Lộc",
    "An Phát",
    "Minh Đức",
    "Tân Tiến",
    "Hòa Bình",
    "Sơn Thủy",
    "Bình Minh",
    "Việt Xanh",
    "Hương Quê",
    "Nông sản sạch Tân Sơn",
    "Quê Hương",
    "Hợp Thành",
    "Trường Xuân",
];

/// A province: its code (the `T` of `T-X-STT-YYYY`), name, and a few communes with codes.
pub struct Province {
    pub code: u16,
    pub name: &'static str,
    pub communes: &'static [(u32, &'static str)],
}

pub const PROVINCES: [Province; 6] = [
    Province {
        code: 25,
        name: "Phú Thọ",
        communes: &[
            (7912, "xã Thu Cúc"),
            (7894, "xã Xuân Sơn"),
            (8050, "xã Yên Lập"),
            (7855, "xã Thanh Sơn"),
        ],
    },
    Province {
        code: 19,
        name: "Thái Nguyên",
        communes: &[
            (5431, "xã Tân Cương"),
            (5539, "xã Phú Lương"),
            (5602, "xã Đại Từ"),
        ],
    },
    Province {
        code: 14,
        name: "Sơn La",
        communes: &[
            (4042, "xã Mộc Châu"),
            (4117, "xã Vân Hồ"),
            (3970, "xã Chiềng Mai"),
        ],
    },
    Province {
        code: 33,
        name: "Hưng Yên",
        communes: &[
            (12220, "xã Văn Giang"),
            (12376, "xã Tân Hưng"),
            (12514, "xã Khoái Châu"),
        ],
    },
    Province {
        code: 91,
        name: "An Giang",
        communes: &[
            (30325, "xã Phú Quốc"),
            (30598, "xã Tịnh Biên"),
            (30712, "xã Chợ Mới"),
        ],
    },
    Province {
        code: 66,
        name: "Đắk Lắk",
        communes: &[
            (24121, "xã Buôn Đôn"),
            (24352, "xã Cư M'gar"),
            (24490, "xã Krông Pắc"),
        ],
    },
];

pub const VILLAGES: [&str; 8] = [
    "thôn Đồng Xuân",
    "khu 3",
    "bản Lác",
    "thôn Tân Lập",
    "xóm Giếng",
    "thôn Trung",
    "bản Mòng",
    "khu Phố Mới",
];

pub const ASSESSORS: [&str; 8] = [
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Hà",
    "Vũ Đức Khánh",
    "Đặng Thu Lan",
    "Bùi Văn Nam",
];

pub const NOTES: [&str; 6] = [
    "Đã xem hồ sơ và mẫu sản phẩm.",
    "Cần bổ sung giấy chứng nhận an toàn thực phẩm.",
    "Vùng nguyên liệu đạt VietGAP, có hồ sơ.",
    "Bao bì chưa có mã QR truy xuất.",
    "Chủ thể trình bày câu chuyện sản phẩm tốt.",
    "Đã kiểm tra tại cơ sở sản xuất.",
];
