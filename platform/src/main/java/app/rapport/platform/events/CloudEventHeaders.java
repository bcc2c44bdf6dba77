package app.rapport.platform.events;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as headers. */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    /** Extension attribute: the clinic the event belongs to. Consumers take the tenant from here only. */
    public static final String CLINIC_ID = "ce_clinicid";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
