// Rapport console: the little the pages need beyond htmx. No inline script anywhere (the
// Content-Security-Policy forbids it), no token in JavaScript: the session cookie is HttpOnly.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Every htmx request carries the page's CSRF token.
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  // The session ended while the page was open: reload, which goes through sign-in and back here.
  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    if (status === 401) {
      window.location.reload();
    }
  });

  // A plain form is sent once: a second click while the first is on its way does nothing.
  // (The console also runs a form's id once on the server, for a resubmission after reload.)
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("hx-post")) {
      return;
    }
    if (form.dataset.submitting === "true") {
      e.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    form.querySelectorAll('button[type="submit"], button:not([type])').forEach(function (b) {
      b.setAttribute("aria-disabled", "true");
      b.classList.add("busy");
    });
  }, true);

  // The back button shows a page from before the submit: let its forms work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (f) {
      delete f.dataset.submitting;
      f.querySelectorAll(".busy").forEach(function (b) {
        b.removeAttribute("aria-disabled");
        b.classList.remove("busy");
      });
    });
  });

  // A select marked data-autosubmit (the clinic switcher) submits when it changes.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t instanceof HTMLSelectElement && t.hasAttribute("data-autosubmit") && t.form) {
      t.form.requestSubmit();
    }
  });

  // A field the service named gets focus, so the person lands on what to fix.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    }
  });
})();
