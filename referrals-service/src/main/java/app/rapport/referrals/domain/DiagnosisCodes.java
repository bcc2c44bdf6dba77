package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ICD-10 codes, checked for shape only: a letter (U is reserved by WHO for special use), two
 * digits or a digit and A/B (e.g. {@code C4A}, {@code Z3A}), then up to four characters after
 * the dot. Narrower than the contract's DiagnosisCode pattern, so everything accepted fits it.
 */
public final class DiagnosisCodes {

    public static final Pattern ICD10 = Pattern.compile("^[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?$");
    public static final int MAX = 12;

    private DiagnosisCodes() {
    }

    /** Upper-cased and trimmed codes, in the order given. @throws DomainException 422 naming the bad entry */
    public static List<String> normalise(List<String> codes, String field) {
        if (codes == null) {
            return List.of();
        }
        if (codes.size() > MAX) {
            throw DomainException.invalidField(field, "at most " + MAX + " codes");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i) == null ? "" : codes.get(i).trim().toUpperCase(Locale.ROOT);
            if (!ICD10.matcher(code).matches()) {
                throw DomainException.invalidField(field + "[" + i + "]",
                        "is not an ICD-10 code (e.g. M54.50, O26.893)");
            }
            if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }
}
