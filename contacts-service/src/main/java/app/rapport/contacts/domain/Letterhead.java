package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/** What the top of every letter says about where the clinic is and how to reach it: its main location. */
@Serdeable
public record Letterhead(@Nullable String locationName, PostalAddress address, @Nullable String phone,
                         @Nullable String fax, @Nullable String email) {

    public static Letterhead of(ClinicProfile.Location location) {
        return new Letterhead(location.name(), location.address(), location.phone(), location.fax(), location.email());
    }

    /** The address and contact lines under the clinic's name, the same on paper and in an e-mail. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(address(address));
        List<String> reach = new ArrayList<>();
        if (phone != null) {
            reach.add("Phone " + readable(phone));
        }
        if (fax != null) {
            reach.add("Fax " + readable(fax));
        }
        if (email != null) {
            reach.add(email);
        }
        if (!reach.isEmpty()) {
            lines.add(String.join(" · ", reach));
        }
        return lines;
    }

    /** An address as it is written on an envelope. */
    public static List<String> address(PostalAddress a) {
        List<String> lines = new ArrayList<>();
        lines.add(a.line1() + (a.line2() == null ? "" : ", " + a.line2()));
        lines.add(a.city() + (a.region() == null ? "" : ", " + a.region())
                + (a.postalCode() == null ? "" : " " + a.postalCode()));
        return lines;
    }

    /** +12065550100 as (206) 555-0100, as North Americans write it; other numbers stay in E.164. */
    static String readable(String e164) {
        if (e164.startsWith("+1") && e164.length() == 12) {
            return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
        }
        return e164;
    }
}
