package app.rapport.console.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The headers every answer gets: pages their strict policy, a PDF or CSV none that stops the browser showing it. */
class PageSafetyFilterTest {

    private final PageSafetyFilter filter = new PageSafetyFilter(new CsrfTokens("s"), new IntakeFormTokens("s"),
            "https://id.example/realms/rapport");

    @Test
    void aPdfOrCsvIsNotHeldToThePagePolicyButIsStillNeitherKeptNorSniffedNorFramedByOthers() {
        MutableHttpResponse<?> pdf = filter.decorate(HttpRequest.GET("/reports/4b1f/preview.pdf"),
                HttpResponse.ok(new byte[] {'%', 'P', 'D', 'F'}).contentType(MediaType.of("application/pdf")));
        MutableHttpResponse<?> csv = filter.decorate(HttpRequest.GET("/analytics.csv"),
                HttpResponse.ok("month,referrals\n").contentType("text/csv; charset=utf-8"));

        for (MutableHttpResponse<?> document : new MutableHttpResponse<?>[] {pdf, csv}) {
            assertThat(document.getHeaders().get("Content-Security-Policy")).isEqualTo("frame-ancestors 'self'");
            assertThat(document.getHeaders().get("Cache-Control")).isEqualTo("no-store");
            assertThat(document.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(document.getHeaders().get("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        }
    }

    @Test
    void aPageKeepsItsStrictPolicy() {
        MutableHttpResponse<?> page = filter.decorate(HttpRequest.GET("/reports"),
                HttpResponse.ok("<!DOCTYPE html>").contentType(MediaType.TEXT_HTML_TYPE));

        assertThat(page.getHeaders().get("Content-Security-Policy"))
                .startsWith("default-src 'none'; script-src 'self'")
                .contains("form-action 'self' https://id.example")
                .contains("frame-ancestors 'none'");
        assertThat(page.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(page.getHeaders().get("X-Frame-Options")).isEqualTo("DENY");
    }
}
