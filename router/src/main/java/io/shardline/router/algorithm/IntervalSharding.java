package io.shardline.router.algorithm;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code interval}: a date or datetime key goes to the target whose name ends with the key's period written with
 * {@code suffix} (by default {@code yyyyMMdd}, {@code yyyyMM} or {@code yyyy} for a day, month or year), e.g.
 * {@code t_log_202402} for any moment of February 2024. A range condition touches only the targets whose period
 * it overlaps.
 */
public final class IntervalSharding implements SingleColumnSharding {
    public enum Unit {
        DAY("yyyyMMdd"), MONTH("yyyyMM"), YEAR("yyyy");

        final String defaultSuffix;

        Unit(String defaultSuffix) {
            this.defaultSuffix = defaultSuffix;
        }

        LocalDate start(LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case MONTH -> date.withDayOfMonth(1);
                case YEAR -> date.withDayOfYear(1);
            };
        }

        LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case MONTH -> start.plusMonths(1);
                case YEAR -> start.plusYears(1);
            };
        }
    }

    private final String column;
    private final Unit unit;
    private final String suffix;
    /** Built once: it formats every key and parses every target name. */
    private final DateTimeFormatter format;
    /** Characters of a formatted suffix, which is how many a target name ends with. */
    private final int width;

    /** @param suffix the date pattern of the targets' suffix; null or blank for the unit's default */
    public IntervalSharding(String column, Unit unit, String suffix) {
        this.column = column;
        this.unit = unit;
        this.suffix = suffix == null || suffix.isBlank() ? unit.defaultSuffix : suffix;
        this.format = formatter(this.suffix); // refuses a bad pattern now, not per statement
        this.width = format.format(LocalDate.of(2000, 1, 1)).length();
    }

    @Override
    public String column() {
        return column;
    }

    public Unit unit() {
        return unit;
    }

    public String suffix() {
        return suffix;
    }

    private static DateTimeFormatter formatter(String pattern) {
        try {
            return new DateTimeFormatterBuilder().appendPattern(pattern)
                    .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
                    .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                    .toFormatter(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval suffix '" + pattern + "' is not a date pattern ("
                    + e.getMessage() + "); use letters such as yyyy, MM, dd", e);
        }
    }

    @Override
    public String targetOf(List<String> targets, Object value) {
        LocalDateTime moment = moment(value);
        return Targets.bySuffix(targets, format.format(unit.start(moment.toLocalDate())), this::name, value);
    }

    private LocalDateTime moment(Object value) {
        LocalDateTime moment = ShardValues.dateTime(value);
        if (moment == null) {
            throw new ShardingException(name() + " needs a date or datetime, got " + ShardValues.describe(value)
                    + "; compare " + column + " with a value such as '2024-02-29' or '2024-02-29 13:45:00'");
        }
        return moment;
    }

    @Override
    public List<String> targets(List<String> targets, String column, ValueRange range) {
        LocalDateTime lower = range.lower() == null ? null : ShardValues.dateTime(range.lower());
        LocalDateTime upper = range.upper() == null ? null : ShardValues.dateTime(range.upper());
        if (range.lower() != null && lower == null || range.upper() != null && upper == null) {
            return targets;
        }
        List<String> result = new ArrayList<>();
        for (String each : targets) {
            LocalDate start = periodOf(each);
            if (start == null) {
                result.add(each); // a target this algorithm cannot date may hold anything
                continue;
            }
            LocalDateTime from = start.atStartOfDay();
            LocalDateTime until = unit.next(start).atStartOfDay();
            boolean afterLower = lower == null || until.isAfter(lower);
            boolean beforeUpper = upper == null || (range.upperInclusive() ? !from.isAfter(upper) : from.isBefore(upper));
            if (afterLower && beforeUpper) {
                result.add(each);
            }
        }
        return result;
    }

    private LocalDate periodOf(String target) {
        if (target.length() < width) {
            return null;
        }
        try {
            return unit.start(LocalDate.parse(target.substring(target.length() - width), format));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String name() {
        return "interval(" + column + ", " + unit.name().toLowerCase(Locale.ROOT) + ")";
    }
}
