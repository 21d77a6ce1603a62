// Dossier status lookup (tra cứu hồ sơ) with the SDK's <dvc-dossier-status> element: the code comes from
// the address (?ma=…, the link in the submission note) and each lookup is written back to it, so the
// page can be bookmarked and the back button works.
const status = document.querySelector('[data-status]');

function fromAddress() {
  const code = new URLSearchParams(location.search).get('ma');
  status.code = code ? code.trim() : '';
}

status.addEventListener('dvc-dossier-lookup', (event) => {
  const url = `?ma=${encodeURIComponent(event.code)}`;
  if (location.search !== url) history.pushState(null, '', url);
});
window.addEventListener('popstate', fromAddress);
fromAddress();
