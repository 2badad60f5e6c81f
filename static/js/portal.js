// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to a form's error summary so keyboard and screen-reader users land on it.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // Nothing typed is lost when another form on the same page reloads it: a field marked
  // data-draft-key keeps its text for this tab (per page) until its own form is submitted.
  var store;
  try {
    store = window.sessionStorage;
  } catch (error) {
    return;
  }
  document.querySelectorAll("[data-draft-key]").forEach(function (field) {
    var key = "draft:" + window.location.pathname + ":" + field.dataset.draftKey;
    if (!field.value && store.getItem(key)) {
      field.value = store.getItem(key);
    }
    field.addEventListener("input", function () {
      store.setItem(key, field.value);
    });
    if (field.form) {
      field.form.addEventListener("submit", function () {
        store.removeItem(key);
      });
    }
  });
});
