package app.rapport.console.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The identity provider's sign-in page, as a person uses it: type a username, paste the claims
 * the group's real provider would assert, press "Sign-in". (mock-oauth2-server's login form:
 * {@code input[name=username]}, {@code textarea[name=claims]}, a submit button "Sign-in".)
 */
public final class ProviderSignInPage {

    private final Page page;

    public ProviderSignInPage(Page page) {
        this.page = page;
    }

    /** True when the page shows the provider's sign-in form. */
    public boolean isShown() {
        return page.locator("form input[name=username]").count() > 0;
    }

    public ProviderSignInPage typeUsername(String username) {
        page.locator("input[name=username]").fill(username);
        return this;
    }

    public ProviderSignInPage typeClaims(String json) {
        page.locator("textarea[name=claims]").fill(json);
        return this;
    }

    public void pressSignIn() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign-in")).click();
    }

    /** Types {@code staff}'s username and claims and signs in. */
    public void signInAs(StaffMember staff) {
        typeUsername(staff.username());
        typeClaims(staff.claimsJson());
        pressSignIn();
    }
}
