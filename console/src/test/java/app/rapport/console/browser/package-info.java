/**
 * Browser tests of the staff console, against real parts only: the console jar, the four
 * services, MariaDB and Kafka (the local runtime), an OIDC provider with a real sign-in page
 * (mock-oauth2-server), an SMTP server (GreenMail) and Debian's Chromium (Playwright).
 *
 * <p>How to write one (failsafe runs {@code *IT} classes after the console jar is packaged:
 * {@code ./mvnw -pl console -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}):
 *
 * <pre>{@code
 * @ConsoleTest
 * class ThankYouIT {
 *     @Test
 *     void theFrontDeskSendsTheThankYouByEmail(ConsoleStack stack, Page page) {
 *         ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("seattle-downtown"));
 *         ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
 *         clinic.receiveReferral(okafor);                       // waits until referrals-service knows her
 *
 *         stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
 *         page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deliver e-mail")).click();
 *
 *         MailServer.Mail mail = stack.mail().awaitMailTo(okafor.email(), Duration.ofSeconds(30));
 *         assertThat(mail.subject()).isEqualTo("Thank you for your referral to the clinic");
 *         Screenshots.save(page, "thank-you-sent");
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link app.rapport.console.browser.ConsoleStack} starts once per test JVM (about 20–30 s on
 *       two quiet cores) and stops when the run ends; nothing is restarted per test.</li>
 *   <li>Each test method gets a fresh browser profile: no session leaks between tests. Ask for a
 *       {@code Page} (1280×900) and, if needed, its {@code BrowserContext}; for a real phone
 *       profile use {@code stack.newPhoneBrowserContext()} (and close it), or
 *       {@link app.rapport.console.browser.Screenshots#usePhoneWidth} on the page.</li>
 *   <li>Use a clinic of your own ({@link app.rapport.console.browser.ClinicData#uniqueClinic}):
 *       the scratch database under {@code console/target/console-it/} is kept across runs.</li>
 *   <li>A failed test leaves {@code console/target/screenshots/FAILED-<class>-<method>.png}; the
 *       console's output is in {@code console/target/console-it/console.log}, the services' in
 *       {@code console/target/console-it/platform/logs/}.</li>
 * </ul>
 */
package app.rapport.console.browser;
