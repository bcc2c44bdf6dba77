package app.rapport.contacts.domain;

/** What a referral partner practises; the values of the event contract's {@code Specialty}. */
public enum Specialty {
    CHIROPRACTOR,
    DOULA,
    FAMILY_PRACTICE,
    OB_GYN,
    MASSAGE_THERAPIST,
    MENTAL_HEALTH_COUNSELOR,
    NUTRITIONIST,
    NATUROPATHIC_DOCTOR,
    PSYCHIATRIST,
    PHYSICAL_THERAPIST,
    PERSONAL_TRAINER,
    YOGA_INSTRUCTOR,
    CARDIOLOGIST,
    PRIMARY_CARE,
    OTHER
}
