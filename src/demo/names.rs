//! Word lists for plausible Chinese (and a few foreign) customer names.

/// (province, city).
pub const PLACES: &[(&str, &str)] = &[
    ("江苏", "苏州"),
    ("江苏", "无锡"),
    ("江苏", "常州"),
    ("浙江", "宁波"),
    ("浙江", "杭州"),
    ("浙江", "温州"),
    ("广东", "深圳"),
    ("广东", "东莞"),
    ("广东", "佛山"),
    ("广东", "中山"),
    ("上海", "上海"),
    ("北京", "北京"),
    ("天津", "天津"),
    ("山东", "青岛"),
    ("山东", "烟台"),
    ("福建", "厦门"),
    ("湖北", "武汉"),
    ("四川", "成都"),
    ("安徽", "合肥"),
    ("河南", "郑州"),
];

/// Brand syllables.
pub const BRANDS: &[&str] = &[
    "恒瑞", "华辰", "金泰", "宏达", "瑞丰", "嘉诚", "鼎盛", "新锐", "博远", "中科", "天成", "永盛",
    "东方", "力拓", "海川", "明阳", "九州", "汇通", "凯达", "远航", "精工", "聚能", "同创", "信诚",
    "德润", "华美", "合力", "晶科", "星辰", "万通", "鑫源", "泰和", "安捷", "卓越", "盛世", "立信",
];

/// (industry, name suffix, short suffix).
pub const INDUSTRIES: &[(&str, &str, &str)] = &[
    ("汽车电子", "汽车电子有限公司", "汽电"),
    ("化工", "化工有限公司", "化工"),
    ("照明", "光电科技有限公司", "光电"),
    ("机械", "精密机械有限公司", "机械"),
    ("新能源", "新能源科技有限公司", "新能源"),
    ("家电", "电器股份有限公司", "电器"),
    ("医疗器械", "医疗器械有限公司", "医疗"),
    ("半导体", "半导体有限公司", "半导体"),
    ("包装", "包装材料有限公司", "包装"),
    ("建材", "新材料有限公司", "新材"),
];

/// Customers abroad: (country/region, city, name).
pub const FOREIGN: &[(&str, &str, &str)] = &[
    ("Thailand", "Bangkok", "Siam Precision Co., Ltd."),
    ("Taiwan", "Taipei", "Formosa Lighting Corp."),
    ("Vietnam", "Ho Chi Minh City", "Saigon Auto Parts JSC"),
    ("Malaysia", "Penang", "Penang Circuit Sdn. Bhd."),
    ("Japan", "Osaka", "Naniwa Chemical K.K."),
];

/// Family names.
pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林",
];

/// Given names.
pub const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "秀英", "建华", "志强", "晓燕", "海燕", "丽华", "国庆", "文博", "子涵",
];

/// Products the complaints are about.
pub const PRODUCTS: &[&str] = &[
    "车载功放 AMP-400",
    "LED 筒灯 DL-12W",
    "环氧树脂 EP-128",
    "扬声器 SP-65",
    "驱动电源 PSU-60",
    "密封胶 SG-300",
    "线束总成 WH-2",
    "控制板 MCU-7",
];

/// Complaint titles per category.
pub const TITLES: &[(&str, &[&str])] = &[
    (
        "quality",
        &[
            "外观划伤",
            "批次色差",
            "功能失效",
            "尺寸超差",
            "异响",
            "漏液",
        ],
    ),
    (
        "logistics",
        &["到货延迟", "包装破损", "数量短少", "错发型号"],
    ),
    ("service", &["回复不及时", "报价错误", "发票有误"]),
    ("technical", &["安装指导不清", "参数不符", "兼容性问题"]),
    ("other", &["单据遗失", "其他问题"]),
];

/// Inquiry subjects.
pub const INQUIRIES: &[&str] = &[
    "询价：新项目样品",
    "交期确认",
    "技术参数咨询",
    "年度框架报价",
    "替代型号咨询",
];
