package app.rapport.outreach.domain;

/** What an educate-by-example invitation offers a prospect. */
public enum InvitationOffer {
    FREE_EVALUATION("a complimentary evaluation at our clinic"),
    GIFT_CERTIFICATE("a gift certificate for a treatment at our clinic");

    private final String wording;

    InvitationOffer(String wording) {
        this.wording = wording;
    }

    /** How the offer reads in an invitation letter or e-mail. */
    public String wording() {
        return wording;
    }
}
