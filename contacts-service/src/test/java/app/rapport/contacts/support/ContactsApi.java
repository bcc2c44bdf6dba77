package app.rapport.contacts.support;

import app.rapport.contacts.domain.Npi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestTokens;
import app.rapport.platform.web.Problem;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What contacts-service tests share: the service on a fresh database and the shared broker, and an
 * HTTP client that talks JSON maps, as a partner-facing front end would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContactsApi implements TestPropertyProvider {

    public static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Argument<Map<String, Object>> JSON_MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    protected HttpClient http;
    @Inject
    protected JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return RapportTestProperties.forService("contacts");
    }

    /** A practitioner's details with unique identifiers, so tests never collide on duplicates. */
    public static Map<String, Object> practitioner(String first, String last, String specialty) {
        Map<String, Object> p = new HashMap<>();
        p.put("firstName", first);
        p.put("lastName", last);
        p.put("specialty", specialty);
        return p;
    }

    /** A whole clinic profile as staff enter it in Settings. */
    public static Map<String, Object> clinicProfile(String name) {
        return new HashMap<>(Map.of(
                "clinicName", name,
                "introduction", "Chiropractic and acupuncture care for pregnancy, pain and sports injuries.",
                "servicesOffered", List.of("Prenatal chiropractic care (Webster technique)", "Acupuncture for low back pain"),
                "focusNiches", List.of("Women's health", "Sports injuries"),
                "paymentPolicies", List.of("Payment is due at the time of service", "Sliding scale for uninsured patients"),
                "insurancePlansAccepted", List.of("Premera Blue Cross", "Regence BlueShield"),
                "locations", List.of(Map.of(
                        "name", "Downtown",
                        "address", Map.of("line1", "1501 4th Ave", "line2", "Suite 210", "city", "Seattle",
                                "region", "WA", "postalCode", "98101", "country", "US"),
                        "phone", "(206) 555-0100",
                        "fax", "206.555.0101",
                        "hours", List.of(
                                Map.of("day", "MONDAY", "opens", "08:00", "closes", "12:00"),
                                Map.of("day", "MONDAY", "opens", "13:00", "closes", "18:00"),
                                Map.of("day", "SATURDAY", "opens", "09:00", "closes", "13:00")))),
                "howToRefer", "Fax the referral form to (206) 555-0101\nWe call your patient within one business day"));
    }

    /**
     * A real image of {@code format} ("png", "jpg"), as a logo file would be; with {@code noise} it
     * barely compresses, so a large one is large on the wire too.
     */
    public static byte[] image(String format, int width, int height, boolean noise) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(42);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, noise ? random.nextInt(0xFFFFFF) : (x < width / 2 ? 0x1F4E79 : 0xF2C14E));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<String, Object> logo(String mediaType, byte[] bytes) {
        return Map.of("mediaType", mediaType, "base64", java.util.Base64.getEncoder().encodeToString(bytes));
    }

    public static String uniquePhone() {
        // 555-01xx numbers are reserved for fiction; vary the area code and line to stay unique per run.
        long n = Math.abs(UUID.randomUUID().getMostSignificantBits());
        return String.format("(%03d) 555-%04d", 201 + n % 700, (n / 1000) % 10000);
    }

    public Map<String, Object> create(String clinic, Map<String, Object> body) {
        return call(HttpRequest.POST("/api/v1/practitioners", body), clinic, "staff");
    }

    public Map<String, Object> get(String clinic, String path, String... roles) {
        return call(HttpRequest.GET(path), clinic, roles.length == 0 ? new String[]{"staff"} : roles);
    }

    public Map<String, Object> call(MutableHttpRequest<?> request, String clinic, String... roles) {
        request.header("Authorization", TestTokens.bearer(clinic, roles));
        return http.toBlocking().retrieve(request, JSON_MAP);
    }

    public HttpResponse<String> exchange(MutableHttpRequest<?> request, String clinic, String... roles) {
        request.header("Authorization", TestTokens.bearer(clinic, roles));
        return http.toBlocking().exchange(request, String.class);
    }

    /** The problem+json answer of a request that must fail with {@code status}. */
    public Map<String, Object> problem(int status, MutableHttpRequest<?> request, String clinic, String... roles) {
        request.header("Authorization", TestTokens.bearer(clinic, roles.length == 0 ? new String[]{"staff"} : roles));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertThat(e.getStatus().getCode()).as(e.getResponse().getBody(String.class).orElse("")).isEqualTo(status);
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).hasValue(Problem.MEDIA_TYPE);
        return read(e.getResponse().getBody(String.class).orElseThrow());
    }

    public Map<String, Object> read(String body) {
        try {
            return json.readValue(body, JSON_MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.getOrDefault("items", List.of());
    }

    /** The events contacts-service published about one practitioner, in order. */
    public static List<EventEnvelope> eventsAbout(String practitionerId) {
        return KafkaProbe.records(Topics.PRACTITIONERS, r -> practitionerId.equals(r.key())).stream()
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(EventEnvelope::fromRecord).toList();
    }


    /** A valid NPI (right check digit) no other test uses. */
    public static String uniqueNpi() {
        long nine = 100_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 900_000_000L);
        return Npi.withCheckDigit(String.valueOf(nine));
    }

    public static List<EventEnvelope> eventsAbout(String practitionerId, String type) {
        return eventsAbout(practitionerId).stream().filter(e -> e.type().equals(type)).toList();
    }
}
