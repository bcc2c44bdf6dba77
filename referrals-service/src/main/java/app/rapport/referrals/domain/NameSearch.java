package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/**
 * The referral list's search by patient or partner name, as a LIKE prefix of the folded names
 * the database keeps both ways round ({@code elena marsh}, {@code marsh elena}; V2 migration):
 * "mar", "Elena M" and "Marsh, Elena" all find Elena Marsh, case-insensitively, by index.
 */
public final class NameSearch {

    public static final int MAX_LENGTH = 100;

    private NameSearch() {
    }

    /** The LIKE pattern for {@code q}, or null when there is nothing to search for. */
    public static @Nullable String prefixPattern(@Nullable String q) {
        if (q == null) {
            return null;
        }
        String folded = q.replace(',', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (folded.isEmpty()) {
            return null;
        }
        StringBuilder like = new StringBuilder(folded.length() + 4);
        for (char c : folded.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                like.append('\\'); // MySQL's and MariaDB's default LIKE escape
            }
            like.append(c);
        }
        return like.append('%').toString();
    }
}
