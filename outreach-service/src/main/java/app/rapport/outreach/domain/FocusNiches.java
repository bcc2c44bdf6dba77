package app.rapport.outreach.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Does a prospect serve one of the clinic's focus niches? A word match, case-insensitive: a niche
 * matches when one of its telling words is a word of the prospect's specialty (OB_GYN reads "ob
 * gyn") or organisation. Words are split at anything but letters and digits, a trailing plural
 * "s" is ignored ("Sports" = "sport"), and words that say nothing about a niche ("care",
 * "health", "clinic", "and" …) never match on their own, or every clinic would match every niche.
 */
public final class FocusNiches {

    /** Too common in niche and practice names to tell one niche from another. */
    static final Set<String> GENERIC = Set.of("care", "health", "healthcare", "clinic", "center", "centre", "medicine",
            "medical", "service", "therapy", "practice", "group", "associate", "the", "and", "for", "with", "of", "in",
            "at", "a", "an", "&");

    private FocusNiches() {
    }

    /** The first niche (in the clinic's order) the prospect serves, if any. */
    public static Optional<String> matching(List<String> niches, Partner prospect) {
        Set<String> theirs = words(prospect.specialty().replace('_', ' ') + " "
                + (prospect.organization() == null ? "" : prospect.organization()));
        return niches.stream().filter(niche -> words(niche).stream().anyMatch(theirs::contains)).findFirst();
    }

    static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).replace("'s", "").split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 2)
                .map(w -> w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .filter(w -> !GENERIC.contains(w))
                .collect(Collectors.toSet());
    }
}
