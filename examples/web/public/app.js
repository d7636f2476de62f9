// Narrows the bank list as you type (the server filters too, for pages loaded with ?q=).
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const search = document.getElementById('search');
  const list = document.getElementById('banks');
  const count = document.getElementById('bank-count');
  if (!search || !list || !count) return;
  const filter = () => {
    const query = search.value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const item of list.children) {
      const match = item.dataset.name.includes(query);
      item.hidden = !match;
      if (match) shown++;
    }
    count.textContent = `${shown} bank${shown === 1 ? '' : 's'}`;
  };
  search.addEventListener('input', filter);
  // Enter in the search box would reload the page with the same filter; keep the focus here instead.
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault();
  });
});
