package app.rapport.local;

import app.rapport.platform.security.TokenMinter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code deploy/local/token --clinic <id> --roles staff,clinician [--user name] [--ttl 8h]}:
 * prints a token the local services accept (signed with {@code RAPPORT_JWT_SECRET}, or the
 * development secret of the local runtime).
 */
public final class TokenMain {

    static final String USAGE = """
            Usage: deploy/local/token --clinic <id> [--roles staff,clinician] [--clinics a,b] [--user name] [--ttl 8h]
              --clinic ID     clinic slug, e.g. demo-clinic (required)
              --roles LIST    comma-separated: staff, clinician, group-admin, ops (default staff,clinician)
              --clinics LIST  comma-separated clinics the token may act for and roll up (a group
                              administrator's clinics claim), e.g. --roles group-admin --clinics a,b
              --user NAME     subject of the token (default dev)
              --ttl DURATION  lifetime: 90s, 30m, 8h, 2d or ISO-8601 (PT8H); default 8h
            Signs with $RAPPORT_JWT_SECRET, or the local runtime's development secret.
            """;

    private TokenMain() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(token(args, System.getenv("RAPPORT_JWT_SECRET")));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (HelpRequested e) {
            System.out.print(USAGE);
        }
    }

    static String token(String[] args, String envSecret) {
        String clinic = null;
        List<String> clinics = List.of();
        List<String> roles = List.of("staff", "clinician");
        String user = "dev";
        Duration ttl = Duration.ofHours(8);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--clinic" -> clinic = value(args, ++i, a);
                case "--roles" -> {
                    List<String> r = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            r.add(s.trim());
                        }
                    }
                    roles = r;
                }
                case "--clinics" -> clinics = list(value(args, ++i, a));
                case "--user" -> user = value(args, ++i, a);
                case "--ttl" -> ttl = parseDuration(value(args, ++i, a));
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (clinic == null) {
            throw new IllegalArgumentException("--clinic is required");
        }
        String secret = envSecret == null || envSecret.isBlank() ? LocalPlatform.DEV_JWT_SECRET : envSecret;
        if (!clinics.isEmpty() && !clinics.contains(clinic)) {
            // The acting clinic is one of the token's clinics (ADR 0402); listing it twice is harmless.
            List<String> all = new ArrayList<>(clinics);
            all.add(0, clinic);
            clinics = all;
        }
        return TokenMinter.mint(secret, user, clinic, clinics, roles, java.time.Instant.now().plus(ttl));
    }

    private static List<String> list(String commaSeparated) {
        List<String> items = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                items.add(s.trim());
            }
        }
        return items;
    }

    static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.length() < 2) {
                throw new IllegalArgumentException("not a duration: " + s);
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("not a duration: " + s + " (use 90s, 30m, 8h, 2d)");
            };
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the ttl must be positive: " + s);
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + s + " (use 90s, 30m, 8h, 2d)");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
