/** The tab pages' stylesheet (/tab/static/tab.css): Teams-like, one column from 320 px (meeting side panel) up. */
export const TAB_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Segoe UI",system-ui,-apple-system,sans-serif;color:#242424;background:#f5f5f5;overflow-wrap:anywhere}
header{background:#fff;border-bottom:1px solid #e0e0e0;padding:16px 24px}
h1{font-size:20px;margin:0 0 4px;font-weight:600}
h2{font-size:17px;margin:0 0 8px}
h3{font-size:14px;margin:16px 0 8px;text-transform:uppercase;letter-spacing:.02em;color:#616161}
.sub{color:#616161;margin:0}
main{padding:16px 24px;max-width:1400px}
.local{background:#fff4ce;border-bottom:1px solid #f2d675;padding:8px 24px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.local[hidden]{display:none}
select{font:inherit;padding:6px 8px;border:1px solid #c7c7c7;border-radius:4px;background:#fff;max-width:100%}
button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #5b5fc7;background:#5b5fc7;color:#fff;cursor:pointer}
button.link{background:none;border:none;color:#4f52b2;text-decoration:underline;padding:0}
a{color:#4f52b2}
section.body{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:12px 16px;margin-bottom:16px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #f0f0f0;vertical-align:top}
th{font-weight:600;font-size:12px;color:#616161}
td.nr{white-space:nowrap;font-variant-numeric:tabular-nums}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#ebebeb;white-space:nowrap}
.status.bordlagt{background:#fff4ce}.status.återremitterat{background:#fde7e9}.status.pågående{background:#e0f2ff}
.overdue{color:#c4314b;font-weight:600}
ul.archive,ul.versions,ol.agenda{list-style:none;margin:0;padding:0}
li.meeting{padding:8px 0;border-bottom:1px solid #f0f0f0}
li.meeting .when{font-weight:600}
.meta,.none{color:#616161;font-size:12px;margin:0}
ul.versions li{padding:2px 0}
.empty{color:#616161}
.error{color:#c4314b;background:#fff;border:1px solid #f1bbbc;border-radius:6px;padding:12px 16px}
.ready{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:12px 16px}
.current{background:#fff;border-left:4px solid #5b5fc7;border-radius:6px;padding:10px 12px;margin:8px 0}
.current .label{display:block;color:#616161;font-size:12px}
ol.agenda li{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 10px;margin-bottom:6px}
ol.agenda li.now{border-color:#5b5fc7;box-shadow:inset 4px 0 0 #5b5fc7;font-weight:600}
ol.agenda li.done{color:#616161}
ol.agenda li.done .nr::after{content:" ✓"}
ol.agenda .kind{display:block;color:#616161;font-size:12px;font-weight:400}
@media (max-width:600px){
  header,main{padding:12px}
  .local{padding:8px 12px}
  table,thead,tbody,tr,td{display:block;width:100%}
  thead{display:none}
  tr{border-bottom:1px solid #e0e0e0;padding:6px 0}
  td{border:none;padding:2px 0}
  td[data-label]::before{content:attr(data-label) ": ";color:#616161;font-size:12px}
  td.title{font-weight:600}
}`;
