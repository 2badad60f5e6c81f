// Progressive enhancement of a draft page; without it every comment form still works
// (each sits in a <details> that the browser opens and closes by itself).
document.addEventListener("DOMContentLoaded", function () {
  function openForm(hash) {
    var target = hash && document.getElementById(hash.slice(1));
    if (!target) {
      return;
    }
    // Only a paragraph's own form: the skip link's #main holds every form on the page, and
    // following it must leave focus on main, not move it into the first paragraph's text box.
    var details = target.matches("details.comment-form")
      ? target
      : target.matches("section.paragraph") && target.querySelector("details.comment-form");
    if (details) {
      details.open = true;
    }
  }
  // A link to #comment-p-3 opens that paragraph's form inline.
  openForm(window.location.hash);
  window.addEventListener("hashchange", function () {
    openForm(window.location.hash);
  });
  // Opening a form puts the cursor in its text box.
  document.querySelectorAll("details.comment-form").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (details.open) {
        var box = details.querySelector("textarea");
        if (box) {
          box.focus();
        }
      }
    });
  });
});
