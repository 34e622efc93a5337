package com.ocbridge.plan;

import com.ocbridge.config.BridgeConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The approval rules ({@code catalog.approval.*}, and {@code catalog.maxDisableShare} for a full catalog's end): a
 * plan that goes beyond one is held for an operator. Answers why, in Russian (1C's operator reads it), naming each
 * rule broken with its key; null when the plan may be applied as it is.
 */
public final class PlanRules {
  private PlanRules() {}

  public static String check(BridgeConfig.Approval rules, BigDecimal maxDisableShare, PlanSummary plan) {
    List<String> broken = new ArrayList<>();
    if (rules.disableMoreThan() > 0 && plan.disables() > rules.disableMoreThan()) {
      broken.add("отключит товаров: " + plan.disables() + " (больше catalog.approval.disableMoreThan = "
          + rules.disableMoreThan() + ")");
    }
    if (maxDisableShare != null && plan.linked() > 0 && plan.disables() > 0) {
      BigDecimal share = BigDecimal.valueOf(plan.disables()).divide(BigDecimal.valueOf(plan.linked()), 4,
          RoundingMode.HALF_UP);
      if (share.compareTo(maxDisableShare) > 0) {
        broken.add("отключит " + plan.disables() + " из " + plan.linked() + " товаров магазина ("
            + percent(share) + "% > " + percent(maxDisableShare) + "% catalog.maxDisableShare)");
      }
    }
    if (rules.priceChangePercent().signum() > 0 && rules.priceChangeProducts() > 0
        && plan.priceJumps() > rules.priceChangeProducts()) {
      broken.add("изменит цену больше чем на " + rules.priceChangePercent().stripTrailingZeros().toPlainString()
          + "% у товаров: " + plan.priceJumps() + " (больше catalog.approval.priceChangeProducts = "
          + rules.priceChangeProducts() + ")");
    }
    if (rules.deleteMoreThan() > 0 && plan.deletions() > rules.deleteMoreThan()) {
      broken.add("снимет с продажи помеченных на удаление: " + plan.deletions()
          + " (больше catalog.approval.deleteMoreThan = " + rules.deleteMoreThan() + ")");
    }
    return broken.isEmpty() ? null : String.join("; ", broken);
  }

  /** What 1C and the API are told about a held job. */
  public static String heldMessage(String file, String runId, String why) {
    String what = file.startsWith("<") ? "отключение товаров, которых нет в полной выгрузке," : "импорт " + file;
    return "Обмен ожидает подтверждения в консоли моста: " + what + " " + why + ". Ничего не записано в"
        + " магазин: ничего не отключено и не изменено. Проверьте план изменений в консоли (обмен " + runId + ") и подтвердите или отклоните его;"
        + " после подтверждения импорт выполнится сам, повторять обмен не нужно";
  }

  private static String percent(BigDecimal share) {
    return share.movePointRight(2).stripTrailingZeros().toPlainString();
  }
}
