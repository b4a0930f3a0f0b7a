// Every Vietnamese string of the interface in one place. Code identifiers stay English (README glossary).

export const bodyKindLabels: Record<string, string> = {
  party_committee: 'Ban Chấp hành Đảng bộ',
  party_standing_committee: 'Ban Thường vụ Đảng ủy',
  party_standing_board: 'Thường trực Đảng ủy',
  people_council: 'Hội đồng nhân dân',
  council_standing_board: 'Thường trực HĐND',
  council_committee: 'Ban của HĐND',
  people_committee: 'Ủy ban nhân dân',
  department: 'Phòng, ban chuyên môn thuộc UBND',
  fatherland_front: 'Ủy ban MTTQ Việt Nam',
};

export const roleLabels: Record<string, string> = {
  system_admin: 'Quản trị hệ thống',
  commune_admin: 'Quản trị xã',
  office_staff: 'Cán bộ văn phòng',
  secretary: 'Thư ký',
  signer: 'Lãnh đạo ký văn bản',
  member: 'Thành viên (đại biểu)',
};

export const membershipRoleLabels: Record<string, string> = {
  head: 'Người đứng đầu',
  deputy: 'Cấp phó',
  member: 'Thành viên',
};

export const communeKinds = ['xã', 'phường', 'đặc khu'] as const;

export const msg = {
  required: 'Vui lòng nhập thông tin này.',
  tooLong: (max: number) => `Không được dài quá ${max} ký tự.`,
  invalidDate: 'Ngày không hợp lệ (định dạng năm-tháng-ngày, ví dụ 2026-03-25).',
  invalidNumber: 'Vui lòng nhập một số hợp lệ.',
  invalidChoice: 'Vui lòng chọn một giá trị trong danh sách.',
  communeCode: 'Mã xã gồm đúng 5 chữ số (theo Quyết định 19/2025/QĐ-TTg).',
  communeCodeTaken: 'Mã đơn vị hành chính này đã được dùng cho một xã khác.',
  usernameFormat: 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.',
  usernameTaken: 'Tên đăng nhập này đã có người dùng.',
  passwordShort: (min: number) => `Mật khẩu cần ít nhất ${min} ký tự.`,
  passwordMismatch: 'Hai lần nhập mật khẩu không khớp.',
  endBeforeStart: 'Ngày kết thúc phải sau ngày bắt đầu.',
  termOverlap: 'Nhiệm kỳ này trùng thời gian với một nhiệm kỳ đã có của cơ quan.',
  membershipOverlap: 'Người này đã giữ một chức vụ trong cơ quan này trong khoảng thời gian đó. Hãy kết thúc chức vụ cũ trước.',
  membershipOutsideTerm: 'Ngày bắt đầu nằm ngoài nhiệm kỳ của cơ quan.',
  membershipAlreadyEnded: 'Chức vụ này đã kết thúc; lịch sử không được sửa. Hãy thêm một chức vụ mới nếu cần.',
  bodyRoleNeedsBody: 'Vai trò Thư ký và Lãnh đạo ký văn bản phải gắn với ít nhất một cơ quan.',
  memberNeedsPerson: 'Tài khoản thành viên phải gắn với một người trong danh sách nhân sự.',
  staleVersion: 'Bản ghi này vừa được người khác thay đổi. Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại.',
  loginFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  loginLocked: (minutes: number) => `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  tooManyAttempts: 'Có quá nhiều lần đăng nhập sai từ máy này. Vui lòng thử lại sau ít phút.',
  csrf: 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.',
  notFound: 'Không tìm thấy trang hoặc bản ghi này.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  serverError: 'Hệ thống gặp lỗi ngoài dự kiến. Thao tác chưa được lưu; vui lòng thử lại.',
  payloadTooLarge: 'Dữ liệu gửi lên quá lớn.',
  badRequest: 'Yêu cầu không hợp lệ.',
  saved: 'Đã lưu.',
  created: 'Đã tạo.',
  loggedOut: 'Bạn đã đăng xuất.',
  cannotDeactivateSelf: 'Bạn không thể tự khóa tài khoản của chính mình.',
};
