package io.pagorecon.core.alert;

import io.pagorecon.core.ledger.FindingCategory;
import io.pagorecon.core.reconcile.Category;
import java.util.EnumMap;
import java.util.Map;

/** The wording of alerts in Chinese, English and Spanish. Category codes stay in English: they are the contract. */
final class AlertTexts {

  private final AlertLanguage language;

  AlertTexts(AlertLanguage language) {
    this.language = language;
  }

  private String pick(String zh, String en, String es) {
    switch (language) {
      case EN:
        return en;
      case ES:
        return es;
      default:
        return zh;
    }
  }

  String runSubject(String stage, String date, int newCritical, int total) {
    if (newCritical > 0) {
      return pick(
          "[pagorecon " + stage + "] " + date + " 对账：" + newCritical + " 个新的严重差异，共 " + total + " 个差异",
          "[pagorecon " + stage + "] " + date + " reconciliation: " + newCritical + " new critical, " + total + " discrepancies",
          "[pagorecon " + stage + "] " + date + " conciliación: " + newCritical + " críticas nuevas, " + total + " discrepancias");
    }
    if (total == 0) {
      return pick(
          "[pagorecon " + stage + "] " + date + " 对账：无差异",
          "[pagorecon " + stage + "] " + date + " reconciliation: no discrepancies",
          "[pagorecon " + stage + "] " + date + " conciliación: sin discrepancias");
    }
    return pick(
        "[pagorecon " + stage + "] " + date + " 对账：" + total + " 个差异",
        "[pagorecon " + stage + "] " + date + " reconciliation: " + total + " discrepancies",
        "[pagorecon " + stage + "] " + date + " conciliación: " + total + " discrepancias");
  }

  String missingSubject(String stage, String date) {
    return pick(
        "[pagorecon " + stage + "] " + date + " 无法对账：缺少输入",
        "[pagorecon " + stage + "] " + date + " not reconciled: input missing",
        "[pagorecon " + stage + "] " + date + " sin conciliar: falta una entrada");
  }

  String tooLargeSubject(String stage, String date) {
    return pick(
        "[pagorecon " + stage + "] " + date + " 无法对账：数据量超过内存",
        "[pagorecon " + stage + "] " + date + " not reconciled: day too large for the memory",
        "[pagorecon " + stage + "] " + date + " sin conciliar: el día no cabe en la memoria");
  }

  String tooLargeIntro() {
    return pick(
        "这一天没有对账，因为数据量超过对账函数的内存：",
        "This day was not reconciled because it is larger than the reconcile function's memory holds:",
        "Este día no se concilió porque es más grande de lo que cabe en la memoria de la función de conciliación:");
  }

  String tooLargeAdvice() {
    return pick(
        "请增加 ReconcileFunction 的 MemorySize 并重新部署，然后重新运行该日期的对账。",
        "Raise ReconcileFunction's MemorySize, deploy, then run the reconciliation of this date again.",
        "Aumente el MemorySize de ReconcileFunction, despliegue y vuelva a conciliar esta fecha.");
  }

  String businessDate(String date, String zone) {
    return pick("业务日期：", "Business date: ", "Fecha de negocio: ") + date + " (" + zone + ")";
  }

  String newCritical(int n) {
    return pick("新的严重差异：", "New critical discrepancies: ", "Discrepancias críticas nuevas: ") + n;
  }

  String thresholdExceeded() {
    return pick("已超过告警阈值。", "Alert thresholds exceeded.", "Se superaron los umbrales de alerta.");
  }

  String countsHeader() {
    return pick("按类别统计：", "Counts per category:", "Cantidad por categoría:");
  }

  String largestHeader() {
    return pick("金额最大的差异：", "Largest items:", "Partidas de mayor monto:");
  }

  String newCriticalHeader() {
    return pick("新的严重差异明细：", "New critical items:", "Partidas críticas nuevas:");
  }

  String matched(long n) {
    return pick("已匹配：", "Matched: ", "Conciliadas: ") + n;
  }

  String noDiscrepancies() {
    return pick("未发现差异。", "No discrepancies found.", "No se encontraron discrepancias.");
  }

  String reports() {
    return pick("报告：", "Reports:", "Reportes:");
  }

  String order() {
    return pick("订单", "order", "pedido");
  }

  String more(int n) {
    return pick("……另有 " + n + " 项，见报告", "... " + n + " more, see the report", "... " + n + " más, ver el reporte");
  }

  String missingIntro() {
    return pick(
        "这一天没有对账，因为以下输入缺失或不可信：",
        "This day was not reconciled because these inputs are missing or untrusted:",
        "Este día no se concilió porque faltan estas entradas o no son confiables:");
  }

  String missingAdvice() {
    return pick(
        "请检查对账单任务和订单导出；补齐后重新运行该日期的对账。",
        "Check the statement job and the orders export, then run the reconciliation of this date again.",
        "Revise el proceso del estado de cuenta y la exportación de pedidos, luego vuelva a conciliar esta fecha.");
  }

  String category(Category c) {
    return LABELS.get(c)[language.ordinal()];
  }

  /** A ledger entry's category: labelled when it is a reconciliation one, else its stable name. */
  String category(FindingCategory c) {
    return c instanceof Category k ? category(k) : c.name();
  }

  private static final Map<Category, String[]> LABELS = new EnumMap<>(Category.class);

  static {
    // {zh, en, es}, in AlertLanguage order.
    LABELS.put(Category.PAID_NOT_RECORDED, new String[] {"已付款但订单未记录", "paid, order not recorded", "pagado, pedido no registrado"});
    LABELS.put(Category.RECORDED_NOT_PAID, new String[] {"订单已记录但未付款", "recorded, not paid", "registrado, no pagado"});
    LABELS.put(Category.WEBHOOK_NOT_CONFIRMED, new String[] {"通知未被网关确认", "webhook not confirmed", "webhook no confirmado"});
    LABELS.put(Category.AMOUNT_MISMATCH, new String[] {"金额不符", "amount mismatch", "monto distinto"});
    LABELS.put(Category.CURRENCY_MISMATCH, new String[] {"币种不符", "currency mismatch", "moneda distinta"});
    LABELS.put(Category.DUPLICATE_PAYMENT, new String[] {"重复付款", "duplicate payment", "pago duplicado"});
    LABELS.put(Category.REFUND_NOT_SYNCED, new String[] {"退款未同步", "refund not synced", "extorno no sincronizado"});
    LABELS.put(Category.UNKNOWN_ORDER, new String[] {"未知订单", "unknown order", "pedido desconocido"});
    LABELS.put(Category.MISSING_WEBHOOK, new String[] {"缺少通知", "missing webhook", "webhook faltante"});
    LABELS.put(Category.LATE_WEBHOOK, new String[] {"通知延迟", "late webhook", "webhook tardío"});
    LABELS.put(Category.EXPIRED_ORDER_OPEN, new String[] {"过期订单仍未关闭", "expired order still open", "pedido vencido abierto"});
  }
}
