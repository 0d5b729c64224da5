// A print button for receipts and notices. Without script the button stays hidden and the hint beside it
// (Ctrl+P) says how to print; with script the hint goes and the button prints.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  var hint = button.parentElement && button.parentElement.querySelector('.print-hint');
  if (hint) hint.hidden = true;
  button.addEventListener('click', function () { window.print(); });
});
