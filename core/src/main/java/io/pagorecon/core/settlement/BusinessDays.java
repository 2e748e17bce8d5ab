package io.pagorecon.core.settlement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Business days: Monday to Friday except holidays. Either Peru's national holidays (computed per
 * year, see {@link #peru()}) or exactly the dates given (a {@code --holidays} file).
 */
public final class BusinessDays {

  private final IntFunction<Set<LocalDate>> holidaysOfYear;
  private final Map<Integer, Set<LocalDate>> cache = new ConcurrentHashMap<>();

  private BusinessDays(IntFunction<Set<LocalDate>> holidaysOfYear) {
    this.holidaysOfYear = holidaysOfYear;
  }

  /** Saturdays, Sundays and exactly these dates are not business days. */
  public static BusinessDays of(Collection<LocalDate> holidays) {
    Set<LocalDate> all = Set.copyOf(holidays);
    return new BusinessDays(year -> all);
  }

  /**
   * Peru's national holidays (feriados nacionales): New Year, Holy Thursday and Good Friday (from
   * Easter), Labour Day, Saint Peter and Saint Paul (29 Jun), Independence (28 and 29 Jul), Santa
   * Rosa de Lima (30 Aug), Angamos (8 Oct), All Saints (1 Nov), Immaculate Conception (8 Dec),
   * Christmas; since 2022 also the Battle of Arica (7 Jun), the Battle of Junín (6 Aug) and the
   * Battle of Ayacucho (9 Dec); since 2023 the Air Force day (23 Jul). Days the government declares
   * non-working for the public sector only are not bank holidays and are not included.
   */
  public static BusinessDays peru() {
    return new BusinessDays(BusinessDays::peruHolidays);
  }

  static Set<LocalDate> peruHolidays(int year) {
    List<MonthDay> fixed = new java.util.ArrayList<>(List.of(
        MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(6, 29), MonthDay.of(7, 28), MonthDay.of(7, 29),
        MonthDay.of(8, 30), MonthDay.of(10, 8), MonthDay.of(11, 1), MonthDay.of(12, 8), MonthDay.of(12, 25)));
    if (year >= 2022) {
      fixed.addAll(List.of(MonthDay.of(6, 7), MonthDay.of(8, 6), MonthDay.of(12, 9)));
    }
    if (year >= 2023) {
      fixed.add(MonthDay.of(7, 23));
    }
    java.util.HashSet<LocalDate> days = new java.util.HashSet<>();
    fixed.forEach(md -> days.add(md.atYear(year)));
    LocalDate easter = easterSunday(year);
    days.add(easter.minusDays(3));
    days.add(easter.minusDays(2));
    return Set.copyOf(days);
  }

  /** Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /** The holidays of a year (a --holidays file: those of its dates in that year). */
  public Set<LocalDate> holidaysOf(int year) {
    return cache.computeIfAbsent(year, holidaysOfYear::apply).stream().filter(d -> d.getYear() == year).collect(java.util.stream.Collectors.toSet());
  }

  public boolean isHoliday(LocalDate date) {
    return cache.computeIfAbsent(date.getYear(), holidaysOfYear::apply).contains(date);
  }

  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !isHoliday(date);
  }

  /** {@code start} plus {@code n} business days: the n-th business day after start (start itself when n is 0). */
  public LocalDate plus(LocalDate start, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    LocalDate d = start;
    for (int left = n; left > 0; ) {
      d = d.plusDays(1);
      if (isBusinessDay(d)) {
        left--;
      }
    }
    return d;
  }
}
