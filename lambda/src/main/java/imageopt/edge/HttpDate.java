package imageopt.edge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110, 5.6.7): sent as IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}, always a
 * two-digit day (JDK's RFC_1123_DATE_TIME prints {@code 6 Nov}); read as IMF-fixdate, or in the
 * obsolete RFC 850 and asctime forms recipients must still accept.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** Its two-digit year is the latest one not more than 50 years ahead. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDate() {}

    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** @return the instant, or empty when the text is none of the three forms (the header is then ignored) */
    public static Optional<Instant> parse(String text) {
        if (text == null) return Optional.empty();
        for (DateTimeFormatter f : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(Instant.from(f.parse(text.trim())));
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return Optional.empty();
    }
}
