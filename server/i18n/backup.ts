// Messages of backup, restore and the data folder's control socket (operator-facing, in Vietnamese).
export const backupMsg = {
  backupUsage: 'Cách dùng: npm run backup -- --out <thư mục mới>',
  restoreUsage: 'Cách dùng: npm run restore -- --from <thư mục sao lưu>',
  outNotEmpty: (dir: string) => `Thư mục ${dir} đã tồn tại và không trống; hãy chọn một thư mục mới (hoặc trống) cho bản sao lưu.`,
  outNotDir: (dir: string) => `${dir} đã có và không phải thư mục; hãy chọn một thư mục mới cho bản sao lưu.`,
  outInsideUploads: (dir: string, uploads: string) => `Không ghi bản sao lưu vào ${dir}: thư mục này nằm trong thư mục tệp đính kèm ${uploads}; hãy chọn nơi khác.`,
  noDatabase: (dir: string) => `Không có cơ sở dữ liệu trong ${dir} để sao lưu (kiểm tra DATA_DIR).`,
  busy: 'Ứng dụng đang ghi một bản sao lưu khác; hãy thử lại khi bản đó xong.',
  appNotAnswering: (dataDir: string, holder: string) => `Thư mục dữ liệu ${dataDir} đang được tiến trình khác giữ (${holder}) `
    + 'nhưng tiến trình đó không nhận lệnh sao lưu qua control.sock. Nếu đó là ứng dụng đang khởi động, hãy thử lại sau ít phút.',
  appFailed: (detail: string) => `Ứng dụng đang chạy không ghi được bản sao lưu: ${detail}`,
  badRequest: 'Yêu cầu không hợp lệ.',
  notABackup: (file: string) => `Không đọc được ${file}: đây không phải bản sao lưu của ứng dụng này, hoặc tệp đã hỏng.`,
  formatVersion: (v: unknown) => `Bản sao lưu có định dạng phiên bản ${String(v)}, phần mềm này không đọc được; hãy dùng phiên bản phần mềm đã tạo ra nó.`,
  tableFileMissing: (table: string) => `Thiếu dữ liệu bảng ${table} trong bản sao lưu (tables/${table}.jsonl).`,
  tableTampered: (table: string) => `Dữ liệu bảng ${table} trong bản sao lưu không khớp manifest.json (số dòng hoặc mã SHA-256): bản sao lưu đã bị sửa hoặc bị hỏng.`,
  extraFile: (name: string) => `Bản sao lưu có tệp ${name} không ghi trong manifest.json: bản sao lưu đã bị sửa.`,
  uploadMissing: (name: string) => `Thiếu tệp đính kèm ${name} trong bản sao lưu.`,
  uploadTampered: (name: string) => `Tệp đính kèm ${name} trong bản sao lưu không khớp manifest.json (kích thước hoặc mã SHA-256): bản sao lưu đã bị sửa hoặc bị hỏng.`,
  uploadReferenceMissing: (name: string) => `Tệp đính kèm ${name} có trong cơ sở dữ liệu nhưng không có trong thư mục tệp đính kèm (UPLOAD_DIR).`,
  uploadReferenceMismatch: (name: string) => `Tệp đính kèm ${name} trong thư mục tệp đính kèm khác mã SHA-256 ghi trong cơ sở dữ liệu.`,
  migrationUnknown: (n: number) => `Bản sao lưu được tạo bởi phiên bản phần mềm khác (mới hơn?): mức cấu trúc dữ liệu (migration) thứ ${n} của nó không có ở đây. `
    + 'Hãy cài phiên bản phần mềm đã tạo bản sao lưu, hoặc mới hơn, rồi phục hồi.',
  targetNotEmpty: (where: string, tables: string[]) => `${where} không trống: đã có dữ liệu trong ${tables.length} bảng (${tables.slice(0, 4).join(', ')}${tables.length > 4 ? ', …' : ''}). `
    + 'Chỉ phục hồi vào nơi trống, để không ghi đè dữ liệu đang có: hãy đặt DATA_DIR sang thư mục mới, hoặc tạo một cơ sở dữ liệu PostgreSQL mới.',
  targetUnknownSchema: (where: string) => `${where} có bảng không do ứng dụng này tạo; hãy phục hồi vào một cơ sở dữ liệu mới.`,
  targetNewer: (where: string, target: number, backup: number) => `${where} đã ở mức cấu trúc dữ liệu ${target}, mới hơn bản sao lưu (${backup}); hãy phục hồi vào một cơ sở dữ liệu mới.`,
  schemaMismatch: (table: string) => `Cấu trúc bảng ${table} sau khi tạo khác cấu trúc ghi trong bản sao lưu; không phục hồi được bằng phiên bản phần mềm này.`,
  uploadDirNotEmpty: (dir: string) => `Thư mục tệp đính kèm ${dir} không trống; chỉ phục hồi vào nơi trống (đặt DATA_DIR hoặc UPLOAD_DIR sang thư mục mới).`,
  afterCheckFailed: (table: string) => `Sau khi nạp, bảng ${table} không khớp manifest.json; đã hủy toàn bộ việc phục hồi, nơi nhận vẫn trống.`,
  loadFailed: (table: string, detail: string) => `Không nạp được bảng ${table}: ${detail}. Đã hủy toàn bộ việc phục hồi, nơi nhận vẫn trống.`,
};
