// Document templates (Liquid) and their editor.
export const templateMsg = {
  at: (line: number) => ` (dòng ${line} của mẫu)`,
  missingField: (field: string) => `thiếu trường dữ liệu "${field}"`,
  unknownName: (name: string) => `dùng tên "${name}" không có trong dữ liệu (trường dữ liệu viết d.${name}…, biến của vòng lặp chỉ dùng được bên trong vòng lặp đó)`,
  unknownFilter: (name: string, known: string) => `không có bộ lọc "${name}" (dùng được: ${known})`,
  unknownTag: (name: string, known: string) => `không dùng được thẻ "{% ${name} %}" (dùng được: ${known})`,
  notClosed: (what: string) => `lỗi cú pháp: ${what} chưa được đóng lại`,
  syntax: (detail: string) => `lỗi cú pháp: ${detail}`,
  outputJunk: (rest: string) => `lỗi cú pháp: trong {{ … }} chỉ được ghi một trường dữ liệu và các bộ lọc của nó, còn thừa "${rest}" (có thể thiếu dấu "}}" đóng lại)`,
  tooMuchWork: 'mẫu đòi tính toán quá nhiều (vòng lặp quá dài hoặc chuỗi quá lớn) nên đã bị dừng',
  tooDeep: 'mẫu lồng quá nhiều lớp điều kiện hoặc vòng lặp',
  /** Liquid's own syntax messages, in Vietnamese (anything else keeps Liquid's English wording after "lỗi cú pháp"). */
  liquidSyntax: (detail: string): string => {
    let m: RegExpExecArray | null;
    if ((m = /^invalid value expression: (.*)$/.exec(detail))) return `không hiểu biểu thức ${m[1]}`;
    if ((m = /^unexpected token (.*), value expected$/.exec(detail))) return `gặp ${m[1]} ở chỗ cần một giá trị`;
    if ((m = /^unexpected character (.*)$/.exec(detail))) return `ký tự không đúng chỗ: ${m[1]}`;
    if (detail === 'invalid range syntax') return 'cách viết khoảng số (a..b) hoặc dấu ngoặc không đúng';
    if (detail === 'unbalanced parentheses') return 'dấu ngoặc đơn không khớp';
    if (detail === 'expected "|" before filter') return 'cần dấu "|" trước tên bộ lọc';
    if (detail === 'expected filter name' || detail === 'expected ":" after filter name') return 'cách viết bộ lọc không đúng (| tên: tham số, tham số)';
    if (detail === 'duplicated else') return 'có hai "{% else %}" trong một điều kiện';
    if (detail === 'unexpected elsif after else') return '"{% elsif %}" đứng sau "{% else %}"';
    if (detail === 'expected variable name') return 'thiếu tên biến';
    if (/^illegal tag syntax/.test(detail)) return 'thẻ {% … %} thiếu tên thẻ';
    if (detail === '[ not closed') return 'dấu "[" chưa được đóng lại';
    return detail;
  },
  nullValue: 'một biểu thức {{ … }} cho giá trị rỗng (null)',
  notANumber: 'một biểu thức {{ … }} cho giá trị không phải số',
  objectValue: 'một biểu thức {{ … }} in ra cả một đối tượng hoặc danh sách thay vì một trường của nó',
  filterNeedsText: (filter: string) => `bộ lọc "${filter}" cần một chữ hoặc một số`,
  filterNeedsNumber: (filter: string) => `bộ lọc "${filter}" cần một số nguyên`,
  filterNeedsList: (filter: string) => `bộ lọc "${filter}" cần một danh sách`,
  noFiles: 'mẫu văn bản không được đọc tệp nào',
  outputTooLong: (max: number) => `văn bản sau khi điền dài quá ${max.toLocaleString('vi-VN')} ký tự`,
  leak: (word: string) => `văn bản sau khi điền có "${word}" — một trường dữ liệu bị thiếu`,
  badStructure: (detail: string) => `văn bản sau khi điền không đúng cấu trúc — ${detail}`,
  cannotRender: (detail: string) => `không dựng được văn bản: ${detail}`,
  noTemplate: 'không có mẫu văn bản này',
  noSample: 'không có dữ liệu mẫu cho mẫu văn bản này',
  notSaved: (detail: string) => `Mẫu chưa lưu vì không tạo được văn bản: ${detail}`,
  unchanged: 'Nội dung không thay đổi so với phiên bản hiện hành.',
  builtinNote: 'Mẫu gốc của hệ thống',
  convertedNote: (from: number) => `Chuyển tự động từ phiên bản ${from} (cú pháp cũ EJS) sang cú pháp Liquid; nội dung văn bản giữ nguyên.`,
  legacyVersion: 'Phiên bản này viết bằng cú pháp cũ (EJS). Hệ thống chỉ giữ nội dung để xem lại, không dùng nó để tạo văn bản.',
  legacyInUse: (version: number) => `Phiên bản ${version} của mẫu này viết bằng cú pháp cũ (EJS) và không chuyển được tự động sang cú pháp mới (Liquid), nên văn bản của xã đang được tạo từ mẫu gốc. Nội dung phiên bản ${version} vẫn được giữ nguyên trong danh sách phiên bản bên dưới: hãy chép lại phần câu chữ đã sửa vào ô nội dung rồi lưu phiên bản mới.`,
  legacyListNote: (version: number) => `phiên bản ${version} viết bằng cú pháp cũ, chưa dùng được`,
};
