/* Copy buttons for the letters: a progressive enhancement. Without JavaScript the buttons stay
   hidden and the letter is copied from its read-only box by hand. */
(function () {
  "use strict";

  function copyText(box) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(box.value);
    }
    // Plain HTTP or an older browser: select the text and use the legacy copy command.
    box.focus();
    box.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  document.querySelectorAll(".js-copy").forEach(function (button) {
    var box = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentElement.querySelector(".js-copy-status");
    if (!box) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(box).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied");
          }
        },
        function () {
          // Leave the text selected so a long press or Ctrl+C finishes the job.
          box.focus();
          box.select();
        }
      );
    });
  });
})();
