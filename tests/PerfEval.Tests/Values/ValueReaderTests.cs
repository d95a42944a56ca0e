using System.Globalization;
using PerfEval.Values;

namespace PerfEval.Tests.Values;

/// <summary>
/// Table-driven tests of <see cref="ValueReader"/>: every target and actual string in the scoring tables
/// of the five seeds (and the figures their prose gives where a seed has no table), plus every form in
/// DOMAIN.md §7. Expected values are worked out by hand from the text.
/// Seeds: 000 = 000_e17a2c7308d3363e.txt (Hainan), 001 = 001_c9fde1014537d0f2.txt (Shijiazhuang),
/// 002 = 002_fde3ed845ee2cc4d.txt (Sichuan; 附表1 equipment, 附表2 代缴, 附表3 金保网),
/// 003 = 003_eea8f197fb9a754b.txt (Guangdong), 004 = 004_170d30cbc2f082a7.txt (Hunan).
/// </summary>
public sealed class ValueReaderTests
{
    private const Comparison None = Comparison.None;
    private const Comparison AtLeast = Comparison.AtLeast;
    private const Comparison AtMost = Comparison.AtMost;
    private const Comparison Gt = Comparison.GreaterThan;
    private const Comparison Lt = Comparison.LessThan;
    private const Comparison Eq = Comparison.Equal;
    private const QualitativeOutcome A = QualitativeOutcome.Achieved;
    private const QualitativeOutcome P = QualitativeOutcome.PartlyAchieved;
    private const QualitativeOutcome N = QualitativeOutcome.NotAchieved;

    // Row: text, column unit, kind, comparison, number, unit, base number, base unit, outcome, unit conflict.
    private static object?[] Q(string text, Comparison cmp, string number, string? unit, string baseNumber, string? baseUnit, string? column = null, bool conflict = false) =>
        [text, column, ValueKind.Quantity, cmp, number, unit, baseNumber, baseUnit, null, conflict];

    private static object?[] L(string text, QualitativeOutcome? outcome, string? column = null) =>
        [text, column, ValueKind.Qualitative, None, null, null, null, null, outcome, false];

    private static object?[] NA(string text) => [text, null, ValueKind.NotApplicable, None, null, null, null, null, null, false];

    private static object?[] E(string? text) => [text, null, ValueKind.Empty, None, null, null, null, null, null, false];

    public static IEnumerable<object?[]> Table =>
    [
        // ---- 001 Shijiazhuang: 绩效指标 table and 绩效评价指标体系 (预期指标值 / 实际完成值 / 自评得分)
        Q("4000户", None, "4000", "户", "4000", "户"),                 // 001 支持中小企业数量 target
        Q("4800户", None, "4800", "户", "4800", "户"),                 // 001 支持中小企业数量 actual
        Q("100%", None, "100", "%", "100", "%"),                       // 001 覆盖率 / 到位及时率 / 预算执行率 / 减轻负担, target and actual
        Q("170元/户", None, "170", "元/户", "170", "元/户"),           // 001 补助标准 target and actual
        Q("90%", None, "90", "%", "90", "%"),                          // 001 政策知晓率 target
        Q("95%", None, "95", "%", "95", "%"),                          // 001 受益对象满意度 target
        Q("76%", None, "76", "%", "76", "%"),                          // 001 受益对象满意度 actual
        E(""),                                                         // 001 预算执行率 row: empty 三级指标 cell
        Q("10", None, "10", "分", "10", "分", column: "分"),           // 001 自评得分
        Q("20", None, "20", "分", "20", "分", column: "分"),           // 001 自评得分
        Q("8", None, "8", "分", "8", "分", column: "分"),              // 001 自评得分 (满意度)
        Q("98", None, "98", "分", "98", "分", column: "分"),           // 001 总分
        Q("实际服务4800余户", Gt, "4800", "户", "4800", "户"),         // 001 prose: 4800余户
        Q("申请网上服务费用50万元", None, "50", "万元", "500000", "元"), // 001 prose: budget

        // ---- 000 Hainan: the 自评表 (附件2) is missing from the text; the prose gives the figures
        Q("预算执行率97.10%", None, "97.10", "%", "97.10", "%"),       // 000 预算执行率
        Q("满意度达98%", None, "98", "%", "98", "%"),                  // 000 满意度 actual (达 is not a comparison)
        Q("122.22万元", None, "122.22", "万元", "1222200", "元"),      // 000 预算
        Q("118.68万元", None, "118.68", "万元", "1186800", "元"),      // 000 支出
        Q("3.54万元", None, "3.54", "万元", "35400", "元"),            // 000 结余
        Q("得分39.32分", None, "39.32", "分", "39.32", "分"),          // 000 数量指标 score

        // ---- 002 Sichuan 附表1: 省级财政社保公共服务能力建设资金 (预算 9.95 万元)
        Q("9.95", None, "9.95", "万元", "99500", "元", column: "万元"), // 002 附表1 预算数/执行数 under （万元）
        L("足额采购", A),                                              // 002 附表1 采购总量 target
        L("完成，采购12台台式机，1台笔记本电脑，一台打印复印一体机", A), // 002 附表1 采购总量 actual (leading verdict)
        L("达到采购标准及要求", A),                                    // 002 附表1 品牌及配置 target
        L("完成，达到采购标准，分别为：启天M428-A320，昭阳E4-ITL 82F6000GCD，京瓷TASKalfa 4012i", A), // 002 附表1 品牌及配置 actual
        L("是否在合同约定期间交货", null),                             // 002 附表1 交货时间 target (criterion)
        L("完成，已按时完成交付", A),                                  // 002 附表1 交货时间 actual
        Q("99490.00元", None, "99490.00", "元", "99490.00", "元"),     // 002 附表1 采购金额 target
        Q("99494.00元", None, "99494.00", "元", "99494.00", "元"),     // 002 附表1 采购金额 actual
        NA("不适用"),                                                  // 002 附表1/2 经济效益, 生态效益 target and actual
        E("—"),                                                        // 002 附表1 经济效益 third cell
        L("是否拥有完备、高效的办公设施", null),                       // 002 附表1 社会效益 target
        L("本次采购后，窗口办公工位内外网电脑配置齐全，分级审核更为便利，信息切换及沟通较为通畅，办公效率得到了极大提高，满足群众办理业务需求，展示了良好的窗口形象", A), // 002 附表1 社会效益 actual
        L("是否高效使用固定资产提供便民服务", null),                   // 002 附表1 可持续影响 提升服务效率 target
        L("通过持续、精心维护中心空调、打印机、复印机及其他查询设备，确保相关固定资产能正常使用，保障中心正常开展常规业务，不间断向参保企业、办事群众提供高效便捷的打印、复印、查询等社会保险基本公共服务，不断提升服务效率，全面落实省人社厅“创建人民群众满意的人社公共服务”体系要求。", A), // 002 附表1 提升服务效率 actual (不间断/不断 are not negations)
        L("是否合理分配、使用新购资产", null),                         // 002 附表1 资产利用率 target
        L("人均通用资产项下，台式电脑、打印机、复印机、碎纸机等小型资产均定责于人，实行“谁用谁维护、谁用谁管理”的制度，资产利用效率显著提高", A), // 002 附表1 资产利用率 actual
        L("满意度抽样是否达标", null),                                 // 002 附表1 满意度 target (criterion wins over 达标)
        Q("针对办事群众及参保企业随机开展满意度调查，群众满意度大于95%", Gt, "95", "%", "95", "%"), // 002 附表1 满意度 actual

        // ---- 002 Sichuan 附表2: 困难群众社会保险个人缴费财政代缴资金 (预算 13.07 万元)
        Q("13.07", None, "13.07", "万元", "130700", "元", column: "万元"), // 002 附表2 预算数/执行数 under （万元）
        Q("“三类”困难人员个人缴费代缴人数：14003人", None, "14003", "人", "14003", "人"), // 002 附表2 数量 target (三类 is not a number)
        L("完成，依据市社会保险事务中心核定的代缴人数全额实现支出，省级负担资金累计支出13.07万元", A), // 002 附表2 数量 actual
        L("及时记录个人权益，确保数据真实准确；及时支付丧葬抚恤金待遇，维护社会稳定", A), // 002 附表2 质量 target
        L("已按计划实现支付", A),                                      // 002 附表2 质量 actual
        L("2021年1-12月", null),                                       // 002 附表2 时效 target (a period, not a number)
        L("已按进度完成", A),                                          // 002 附表2 时效 actual
        Q("按照中央、省、市、县四级政府分担比例，2021年度省级财政困难群众社会保险个人缴费财政代缴资金，共计13.07万元", None, "13.07", "万元", "130700", "元"), // 002 附表2 成本 target
        Q("依据市社会保险事务中心核定的待遇人数，分别按分担比例金额全额实现支出，省级财政负担支出13.07万元", None, "13.07", "万元", "130700", "元"), // 002 附表2 成本 actual
        L("按标准落实城乡居民养老保险县级配套资金，减轻三类困难人员缴费负担，确保到龄享受退休待遇，消除影响稳定的因素", A), // 002 附表2 社会效益 target
        L("已切实减轻困难人员负担，维护了社会稳定", A),                // 002 附表2 社会效益 actual (leading 已)
        L("按现行政策及标准持续配套，长期保障城乡居民养老保险参保群众缴费及待遇享受政策持续落实，减轻“三类”困难人员缴费负担。", A), // 002 附表2 可持续 target
        L("按政策持续配套", null),                                     // 002 附表2 可持续 actual (no outcome word)
        L("适时开展满意度评价，达到合格标准", A),                      // 002 附表2 满意度 target
        L("已开展满意度测评", A),                                      // 002 附表2 满意度 actual

        // ---- 002 Sichuan 附表3: 乡镇金保网网络运行维护费 (预算 0.84 万元); the 数量 cells are in the error table
        Q("0.84", None, "0.84", "万元", "8400", "元", column: "万元"), // 002 附表3 预算数/执行数 under （万元）
        L("维护合同签订并支付服务费后，全年提供优质高效的网络服务，不因可控制的网络故障频繁出现而导致社会保险服务无故中断", A), // 002 附表3 质量 target (不因/无故 are not negations)
        L("达到维护效果", A),                                          // 002 附表3 质量 actual
        L("按与服务提供商（中国电信）签订的合同，约定维护费用支付时间，从而保障乡镇金保网络全年正常运行", A), // 002 附表3 时效 target
        L("已按进度完成，全年金保网络正常运行", A),                    // 002 附表3 时效 actual
        Q("0.84万元", None, "0.84", "万元", "8400", "元"),             // 002 附表3 成本 target and actual
        L("减少因办理社保出行而增加家庭支出", null),                   // 002 附表3 经济效益 target (a description)
        L("已实现就近办理业务，让群众少跑路", A),                      // 002 附表3 经济效益 actual
        L("提升乡镇社会保险参保率，提高群众在乡镇办理社会保险业务的件数", A), // 002 附表3 社会效益 target
        L("已实现目标，乡镇年度办件量（待遇资格认证、城乡参保业务等）有所上升", A), // 002 附表3 社会效益 actual
        L("减少办事群众长距离出行，节省油料费支出，减少办事群众驾驶车辆的有害气体排放量", null), // 002 附表3 生态效益 target
        L("效果显著", A),                                              // 002 附表3 生态效益 actual
        L("全年不间断经办社会保险业务", null),                         // 002 附表3 可持续 target (不间断 is not a negation)
        L("已实现办公时间不间断办理业务", A),                          // 002 附表3 可持续 actual
        Q("预计全年服务参保群众人数达15万人以上", AtLeast, "15", "万人", "150000", "人"), // 002 附表3 参保群众覆盖人数 target
        Q("已全面覆盖12个乡镇", None, "12", "个", "12", "个"),         // 002 附表3 参保群众覆盖人数 actual
        L("能在参保乡镇办理的社会保险业务，不用再赴社保局办理，减少群众跑路次数，参保群众办理社会保险业务更加便利", null), // 002 附表3 便利性 target
        L("有显著提升", A),                                            // 002 附表3 便利性 actual
        Q("≧95%", AtLeast, "95", "%", "95", "%"),                      // 002 附表3 满意度 target
        Q("已开展满意度测评群众满意度大于95%", Gt, "95", "%", "95", "%"), // 002 附表3 满意度 actual
        Q("数据利用率达25%", None, "25", "%", "25", "%"),              // 002 prose
        Q("2021年一般公共预算支出决算数为290.22万元", None, "290.22", "万元", "2902200", "元"), // 002 prose (2021年 is a date)

        // ---- 003 Guangdong: no target/actual table; per-indicator self-scores and prose figures
        Q("¥249,379.00 元", None, "249379.00", "元", "249379.00", "元"), // 003 购置经费
        Q("到位率 100%", None, "100", "%", "100", "%"),                // 003 资金到位率
        Q("该项目实际资金支出率为 100%", None, "100", "%", "100", "%"), // 003 资金支付
        Q("该项指标自评得5.2分", None, "5.2", "分", "5.2", "分"),      // 003 目标设置 self-score
        Q("该项指标自评得 3.8 分", None, "3.8", "分", "3.8", "分"),    // 003 实施程序 self-score
        Q("15 个镇场", None, "15", "个", "15", "个"),                  // 003 prose
        L("该项资金到位及时", A),                                      // 003 资金到位及时性
        L("2022.05.25", null),                                         // 003 填报日期: a date alone

        // ---- 004 Hunan: 评分 column and 评价标准; prose figures
        Q("3", None, "3", "分", "3", "分", column: "分"),              // 004 评分 (项目立项规范性, 到位及时率)
        Q("4.8", None, "4.8", "分", "4.8", "分", column: "分"),        // 004 评分 (质量达标率, 成本节约率)
        Q("7 ", None, "7", null, "7", null),                           // 004 分值 of 经济效益, written "7 "
        Q("96", None, "96", null, "96", null),                         // 004 总分
        Q("公众满意度达到99%", None, "99", "%", "99", "%"),            // 004 公众满意度 评价标准
        Q("发放率100%", None, "100", "%", "100", "%"),                 // 004 prose
        Q("失业保险累计参保人数达18104人", None, "18104", "人", "18104", "人"), // 004 prose
        Q("2020年全年收入175万元", None, "175", "万元", "1750000", "元"), // 004 prose
        Q("期末基金滚存结余达2243.67", None, "2243.67", null, "2243.67", null), // 004 prose (no unit written)
        Q("政府为建档立卡贫困户及特殊困难群体代缴2020年保费334.83万元", None, "334.83", "万元", "3348300", "元"), // 004 prose

        // ---- DOMAIN.md §7: comparisons
        Q("≥95%", AtLeast, "95", "%", "95", "%"),
        Q(">=95%", AtLeast, "95", "%", "95", "%"),
        Q("＞＝95％", AtLeast, "95", "%", "95", "%"),
        Q("大于95%", Gt, "95", "%", "95", "%"),
        Q("不少于4000户", AtLeast, "4000", "户", "4000", "户"),
        Q("不低于90%", AtLeast, "90", "%", "90", "%"),
        Q("至少3次", AtLeast, "3", "次", "3", "次"),
        Q("超95%", Gt, "95", "%", "95", "%"),
        Q("超过95%", Gt, "95", "%", "95", "%"),
        Q("≤0.84万元", AtMost, "0.84", "万元", "8400", "元"),
        Q("≦5天", AtMost, "5", "天", "5", "天"),
        Q("<=5天", AtMost, "5", "天", "5", "天"),
        Q("小于5%", Lt, "5", "%", "5", "%"),
        Q("<5%", Lt, "5", "%", "5", "%"),
        Q("不超过0.84万元", AtMost, "0.84", "万元", "8400", "元"),
        Q("不高于10%", AtMost, "10", "%", "10", "%"),
        Q("=100%", Eq, "100", "%", "100", "%"),
        Q("＝100%", Eq, "100", "%", "100", "%"),
        Q("═100%", Eq, "100", "%", "100", "%"),
        Q("等于100%", Eq, "100", "%", "100", "%"),
        Q("15万人以上", AtLeast, "15", "万人", "150000", "人"),
        Q("5天以内", AtMost, "5", "天", "5", "天"),
        Q("100人及以下", AtMost, "100", "人", "100", "人"),
        Q("15万余人次", Gt, "15", "万人次", "150000", "人次"),
        Q("约95%", None, "95", "%", "95", "%"),

        // ---- DOMAIN.md §7: numbers and units
        Q("12元", None, "12", "元", "12", "元"),
        Q("28.8万元", None, "28.8", "万元", "288000", "元"),
        Q("50人", None, "50", "人", "50", "人"),
        Q("300人次", None, "300", "人次", "300", "人次"),
        Q("17台", None, "17", "台", "17", "台"),
        Q("15个", None, "15", "个", "15", "个"),
        Q("3次", None, "3", "次", "3", "次"),
        Q("30天", None, "30", "天", "30", "天"),
        Q("2篇", None, "2", "篇", "2", "篇"),
        Q("3个工作日", None, "3", "个工作日", "3", "个工作日"),
        Q("1.5亿元", None, "1.5", "亿元", "150000000", "元"),
        Q("0.5万元/户", None, "0.5", "万元/户", "5000", "元/户"),
        Q("5 %", None, "5", "%", "5", "%"),
        Q("-5%", None, "-5", "%", "-5", "%"),
        Q("100%完成", None, "100", "%", "100", "%"),
        Q("财预〔2020〕10号要求95%", None, "95", "%", "95", "%"),
        Q("第3季度完成2次", None, "2", "次", "2", "次"),
        Q("3年", None, "3", "年", "3", "年"),
        Q("5日内", AtMost, "5", "日", "5", "日"),
        Q("95%（含）以上", AtLeast, "95", "%", "95", "%"),
        Q("不足60%", Lt, "60", "%", "60", "%"),
        Q("人均0.5万元", None, "0.5", "万元", "5000", "元"),
        Q("预算执行率≥90%，满意度≥90%", AtLeast, "90", "%", "90", "%"),
        L("2019-2021年", null),
        L("12月31日前完成", A),

        // ---- DOMAIN.md §7: column units
        Q("28.8万元", None, "28.8", "万元", "288000", "元", column: "%", conflict: true),
        Q("95", None, "95", "%", "95", "%", column: "%"),
        Q("95%", None, "95", "%", "95", "%", column: "%"),
        Q("28.8", None, "28.8", "万元", "288000", "元", column: "（万元）"),
        Q("28.8万元", None, "28.8", "万元", "288000", "元", column: "元"),
        Q("4000户", None, "4000", "户", "4000", "户", column: "人", conflict: true),
        Q("15万", None, "15", "万人", "150000", "人", column: "人"),

        // ---- DOMAIN.md §7: full-width, thousands separators, ¥
        Q("１２３", None, "123", null, "123", null),
        Q("１２３人", None, "123", "人", "123", "人"),
        Q("９５％", None, "95", "%", "95", "%"),
        Q("1,234,567元", None, "1234567", "元", "1234567", "元"),
        Q("¥1,200", None, "1200", "元", "1200", "元"),
        Q("￥99,494.00元", None, "99494.00", "元", "99494.00", "元"),
        Q("１，２３４元", None, "1234", "元", "1234", "元"),

        // ---- DOMAIN.md §7: qualitative words, negations, zero counts, not applicable
        L("完成", A),
        L("达到", A),
        L("是", A),
        L("否", N),
        L("有效", A),
        L("足额", A),
        L("按时", A),
        L("达成预期指标", A),
        L("基本完成", P),
        L("部分达成", P),
        L("未完成", N),
        L("未达成", N),
        L("未达到预期目标", N),
        L("不达标", N),
        L("不合格", N),
        L("尚未开展", N),
        L("有待提高", P),
        L("基本完成，个别乡镇滞后", P),
        L("未发现问题", null),
        L("较差", N),
        L("是否按时交货：是", A),
        L("是否按时交货：否", N),
        Q("≥-5%", AtLeast, "-5", "%", "-5", "%"),
        Q("95", None, "95", "%", "95", "%", column: "单位：%"),
        L("未按时完成", N),
        L("超额完成", A),
        L("未能按时完成", N),
        L("已超期", N),
        L("部分乡镇未完成", N),
        L("基本上完成", P),
        Q("无投诉", None, "0", null, "0", null),
        Q("零事故", None, "0", null, "0", null),
        Q("未发生安全事故", None, "0", null, "0", null),
        Q("无有效投诉", None, "0", "次", "0", "次", column: "次"),
        NA("N/A"),
        NA("不涉及"),
        E("——"),
        E("/"),
        E("无"),
        E("   "),
        E(null),
    ];

    public static IEnumerable<object?[]> Errors =>
    [
        ["12个乡镇，全县城乡居民养老保险参保对象，预计达到15万人", ValueReadError.AmbiguousNumber],        // 002 附表3 数量 target: two indicators in one cell
        ["12个乡镇网络维护费已全部实现支出，各乡镇网点累计服务15万余人次", ValueReadError.AmbiguousNumber], // 002 附表3 数量 actual
        ["购置17台高拍仪、17台扫描仪和15台台式电脑", ValueReadError.AmbiguousNumber],                      // 003 效率性 完成进度
        ["社会保险经费项目投入122.22万元，实际支出118.68万元，预算执行率97.10%", ValueReadError.AmbiguousNumber], // 000 prose
        ["共25285人参加工伤保险（其中新增参保2335人）", ValueReadError.AmbiguousNumber],                  // 004 prose
        ["我县年满60周岁以上符合养老金待遇领取条件人数为61668人", ValueReadError.AmbiguousNumber],         // 004 prose
        ["达到绩效目标得5分，没达到目标每减少一个百分点扣0.1分。", ValueReadError.AmbiguousNumber],        // 004 评价标准 (a rule, not a value)
        ["该指标满分10分，得分8分", ValueReadError.AmbiguousNumber],                                       // 001 prose
        ["80%-90%", ValueReadError.Range],
        ["3-5天", ValueReadError.Range],
        ["10至20人", ValueReadError.Range],
        ["1" + new string('0', 40) + "元", ValueReadError.InvalidNumber],
        ["79228162514264337593543950335亿元", ValueReadError.InvalidNumber],
        ["≥", ValueReadError.ComparisonWithoutNumber],
        ["不低于去年水平", ValueReadError.ComparisonWithoutNumber],
        ["1.2.3%", ValueReadError.InvalidNumber],
        ["1,2345元", ValueReadError.InvalidNumber],
        ["1 234元", ValueReadError.InvalidNumber],
        ["（4分，自评得3分）", ValueReadError.AmbiguousNumber],                                           // 003 论证决策 heading
        ["有", ValueReadError.Unrecognized],
        ["≥95%以下", ValueReadError.ConflictingComparison],
        ["待定", ValueReadError.NotStated],
        ["未统计", ValueReadError.NotStated],
        ["待补充", ValueReadError.NotStated],
        ["XX%", ValueReadError.NotStated],
        ["???", ValueReadError.NotStated],
        ["abc", ValueReadError.Unrecognized],
        ["#REF!", ValueReadError.Unrecognized],
        [new string('9', ValueReader.MaxTextLength + 1), ValueReadError.TooLong],
    ];

    [Fact]
    public void Table_has_more_than_a_hundred_rows() => Assert.True(Table.Count() > 100);

    [Theory]
    [MemberData(nameof(Table))]
    public void Reads_every_seed_and_domain_form(
        string? text, string? column, ValueKind kind, Comparison comparison, string? number, string? unit,
        string? baseNumber, string? baseUnit, QualitativeOutcome? outcome, bool conflict)
    {
        IndicatorValue v = ValueReader.Read(text, column);

        Assert.Equal(text ?? string.Empty, v.Text);
        Assert.Equal(kind, v.Kind);
        Assert.Equal(comparison, v.Comparison);
        Assert.Equal(Dec(number), v.Number);
        Assert.Equal(unit, v.Unit);
        Assert.Equal(Dec(baseNumber), v.BaseNumber);
        Assert.Equal(baseUnit, v.BaseUnit);
        Assert.Equal(outcome, v.Outcome);
        Assert.Equal(conflict, v.HasUnitConflict);
        if (kind == ValueKind.Quantity && number is not null)
        {
            // The number keeps the scale it was written with (99490.00 stays 99490.00).
            Assert.Equal(Dec(number)!.Value.Scale, v.Number!.Value.Scale);
        }

        Assert.True(ValueReader.TryRead(text, column, out var again, out var error));
        Assert.Null(error);
        Assert.Equal(v, again);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Unreadable_text_raises_ValueFormatException_quoting_the_text(string text, string code)
    {
        var ex = Assert.Throws<ValueFormatException>(() => ValueReader.Read(text));

        Assert.Equal(code, ex.Error.Code);
        Assert.Equal(text, ex.Text);
        Assert.Equal(text, ex.Error.Text);
        Assert.IsAssignableFrom<FormatException>(ex);
        string quoted = text.Length > 40 ? text[..40] : text;
        Assert.Contains(quoted, ex.Message, StringComparison.Ordinal);
        Assert.Contains(quoted, ex.Error.MessageZh, StringComparison.Ordinal);
        Assert.Contains(quoted, ex.Error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("无法读取", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", ex.Message, StringComparison.Ordinal);

        Assert.False(ValueReader.TryRead(text, null, out var value, out var error));
        Assert.Null(value);
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void Ambiguous_message_lists_the_numbers_it_found()
    {
        var ex = Assert.Throws<ValueFormatException>(() => ValueReader.Read("12个乡镇，全县城乡居民养老保险参保对象，预计达到15万人"));
        Assert.Contains("12个", ex.Error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("15万人", ex.Error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Original_text_is_kept_verbatim()
    {
        const string text = "  ≧９５％\t";
        IndicatorValue v = ValueReader.Read(text);
        Assert.Same(text, v.Text);
        Assert.Equal(95m, v.Number);
        Assert.Equal("≥95%", v.ToString());
    }

    [Fact]
    public void Unreadable_text_never_reads_as_zero()
    {
        foreach (var row in Errors)
        {
            Assert.False(ValueReader.TryRead((string)row[0]!, null, out var value, out _));
            Assert.Null(value);
        }
    }

    [Fact]
    public void Reading_in_parallel_gives_the_same_results()
    {
        var rows = Table.Select(r => ((string?)r[0], (string?)r[1])).ToList();
        var expected = rows.Select(r => ValueReader.Read(r.Item1, r.Item2)).ToList();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(expected[i], ValueReader.Read(rows[i].Item1, rows[i].Item2));
            }
        });
    }

    [Fact]
    public void Same_results_under_zh_CN_de_DE_and_invariant_cultures()
    {
        var rows = Table.Select(r => ((string?)r[0], (string?)r[1])).ToList();
        var invariant = ReadAll(rows, CultureInfo.InvariantCulture);
        Assert.Equal(invariant, ReadAll(rows, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(invariant, ReadAll(rows, CultureInfo.GetCultureInfo("de-DE")));
        Assert.Contains("0.84万元", invariant, StringComparer.Ordinal);
    }

    private static List<string> ReadAll(List<(string? Text, string? Column)> rows, CultureInfo culture)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var result = new List<string>();
            foreach (var (text, column) in rows)
            {
                var v = ValueReader.Read(text, column);
                result.Add(v.ToString());
                result.Add(string.Create(CultureInfo.InvariantCulture, $"{v.Kind}|{v.Comparison}|{v.Number}|{v.Unit}|{v.BaseNumber}|{v.BaseUnit}|{v.Outcome}|{v.HasUnitConflict}"));
            }

            foreach (var row in Errors)
            {
                Assert.False(ValueReader.TryRead((string)row[0]!, null, out _, out var error));
                result.Add(error!.ToString());
            }

            return result;
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    private static decimal? Dec(string? s) =>
        s is null ? null : decimal.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
