/**
 * The pages' one stylesheet and one script, served from this origin (the CSP allows nothing
 * inline). Phone first: one column, large touch targets; visible focus for keyboard users.
 */
export const SITE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafafa}
a{color:#0b57a4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,main:focus-visible{outline:3px solid #f0a000;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px 16px;background:#0b3d6b;color:#fff}
.top a{color:#fff}.brand{font-weight:700;font-size:1.2rem;text-decoration:none}
.top nav ul{display:flex;flex-wrap:wrap;gap:4px 12px;list-style:none;margin:0;padding:0}
.top [aria-current=page]{font-weight:700;text-decoration:underline}
.tools{margin-left:auto;display:flex;gap:12px;align-items:center}
.tools button{background:none;border:1px solid #fff;color:#fff;padding:4px 10px;border-radius:4px;min-height:32px}
main{max-width:72rem;margin:0 auto;padding:16px}
footer{padding:16px;color:#555;font-size:.9rem;text-align:center}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2rem}
.field{margin:0 0 14px}.field label{display:block;font-weight:600;margin-bottom:4px}
input,select,textarea{font:inherit;width:100%;max-width:40rem;padding:8px;border:1px solid #767676;border-radius:4px;background:#fff;min-height:44px}
input[type=checkbox],input[type=radio]{width:auto;min-height:auto}
.choice{display:flex;gap:8px;align-items:center;margin:4px 0}.choice input{width:24px;height:24px;flex:none;margin:0}.choice label{margin:0;font-weight:600}
.choice-hint{margin-left:32px}
button.link{background:none;color:#0b57a4;text-decoration:underline;padding:0 4px;min-height:24px;min-width:24px}
dl.review .review-row{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr auto;gap:4px 12px;border-bottom:1px solid #ddd;padding:8px 0}
dl.review dt{font-weight:600}dl.review dd{margin:0}
@media (max-width:40rem){dl.review .review-row{grid-template-columns:1fr auto}dl.review dt{grid-column:1/-1}}
ol.timeline{padding-left:1.5rem}ol.timeline li{margin:4px 0}ol.timeline .step-current{border-left:4px solid #0b57a4;padding-left:8px}
.step-state{color:#444}
select[multiple]{min-height:8rem}
button,.button{font:inherit;display:inline-block;padding:10px 18px;min-height:44px;border:0;border-radius:4px;background:#0b57a4;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#555}
.inline{display:inline}
.hint{margin:0 0 4px;color:#555;font-size:.9rem}
.error{margin:0 0 4px;color:#b00020;font-weight:600}
.has-error input,.has-error select,.has-error textarea{border:2px solid #b00020}
.form-error{border-left:4px solid #b00020;background:#fdecee;padding:8px 12px;margin:0 0 16px}
.notice{border-left:4px solid #1b7a3a;background:#e8f5ec;padding:8px 12px}
.req{color:#b00020}
fieldset{border:1px solid #ccc;border-radius:4px;margin:0 0 16px;padding:8px 12px}
legend{font-weight:600}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.light .dot{display:inline-block;width:.9em;height:.9em;border-radius:50%;border:1px solid #333;vertical-align:middle}
.light-green{background:#e3f4e6}.light-green .dot{background:#1b7a3a}
.light-yellow{background:#fff6d6}.light-yellow .dot{background:#e0a800;border-radius:0}
.light-red{background:#fde3e3}.light-red .dot{background:#b00020;transform:rotate(45deg);border-radius:0}
.light-none .dot{background:#fff}
.light-word{color:#333;font-size:.85rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:12px}
.actions form{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
.actions h3{margin-top:0;font-size:1.05rem}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:4px 12px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.answer{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:12px}
.chart{max-width:40rem;width:100%;height:auto;background:#fff;border:1px solid #ddd}
.chart .axis{stroke:#555}.chart .line{fill:none;stroke:#0b57a4;stroke-width:2}.chart .pt{fill:#0b57a4}
.chart text{font-size:10px;fill:#333}.chart .band-green{fill:#e3f4e6}.chart .band-yellow{fill:#fff6d6}.chart .band-red{fill:#fde3e3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.tabs ul,.pager ul{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0 0 16px;padding:0}
.tabs a,.pager a{display:inline-block;padding:10px 14px;min-height:44px;border:1px solid #0b57a4;border-radius:4px;background:#fff;text-decoration:none}
.tabs a[aria-current=page]{background:#0b57a4;color:#fff;font-weight:700}
.filter-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 16px}
table.inbox caption{text-align:left;padding:4px 0}
table.inbox td.pick input[type=checkbox]{width:24px;height:24px;margin:0}
table.inbox button{padding:6px 10px;min-height:36px}
.bulk-forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:12px}
.bulk-forms fieldset{background:#fff;margin:0}
section.results{margin-bottom:24px}
@media (min-width:48rem){h1{font-size:2rem}}
`;

/** Progressive enhancement only: every page works without it. Filters the agency picker by text. */
export const SITE_JS = `
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input[data-filter-for]').forEach(function (box) {
    var select = document.getElementById(box.getAttribute('data-filter-for'));
    if (!select) return;
    box.hidden = false;
    var label = document.querySelector('label[for="' + box.id + '"]');
    if (label) label.hidden = false;
    box.addEventListener('input', function () {
      var needle = box.value.toLocaleLowerCase();
      Array.prototype.forEach.call(select.options, function (o) {
        o.hidden = o.value !== '' && needle !== '' && o.text.toLocaleLowerCase().indexOf(needle) < 0;
      });
    });
  });
});
`;
