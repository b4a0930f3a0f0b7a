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

// ---- Meetings (issue 4) ----
export const agendaKindLabels: Record<string, string> = {
  report: 'Báo cáo',
  proposal: 'Tờ trình',
  draft_resolution: 'Dự thảo nghị quyết',
  election: 'Bầu cử',
  personnel: 'Công tác cán bộ',
  other: 'Nội dung khác',
};

export const meetingStatusLabels: Record<string, string> = {
  draft: 'Đang chuẩn bị',
  convened: 'Đã triệu tập',
  in_session: 'Đang họp',
  closed: 'Đã bế mạc',
};

export const attendanceStatusLabels: Record<string, string> = {
  present: 'Có mặt',
  late: 'Đến muộn',
  left: 'Về sớm',
  absent_excused: 'Vắng có lý do',
  absent_unexcused: 'Vắng không lý do',
};

export const meetingMsg = {
  chairRequired: 'Vui lòng chọn người chủ tọa (chủ trì) cuộc họp.',
  personNotInCommune: 'Người này không có trong danh sách nhân sự của xã.',
  outsideTerm: 'Ngày họp nằm ngoài nhiệm kỳ của cơ quan. Hãy chọn một ngày trong nhiệm kỳ hoặc thêm nhiệm kỳ mới trước.',
  firstNotFirst: 'Kỳ họp thứ nhất phải là kỳ họp đầu tiên của nhiệm kỳ; nhiệm kỳ này đã có kỳ họp trước ngày đó.',
  kindNotForBody: 'Loại cuộc họp này không dùng cho cơ quan này.',
  badTime: 'Giờ không hợp lệ (định dạng giờ:phút, ví dụ 07:30).',
  wrongStatus: 'Cuộc họp không ở trạng thái cho phép thao tác này. Vui lòng tải lại trang.',
  emptyAgenda: 'Chưa có nội dung nào trong chương trình; hãy thêm chương trình trước khi triệu tập.',
  agendaLocked: 'Cuộc họp đã khai mạc hoặc bế mạc; chương trình không sửa được nữa.',
  notAPermutation: 'Thứ tự gửi lên không khớp với chương trình hiện tại. Vui lòng tải lại trang.',
  itemHasAttachments: 'Nội dung này đã có tài liệu đính kèm nên không xóa được.',
  attendanceClosed: 'Chỉ điểm danh được khi cuộc họp đã triệu tập hoặc đang họp.',
  notOnRoster: 'Người này không có tên trong thành phần của cơ quan vào ngày họp.',
  duplicateCheckIn: (name: string, status: string) => `${name} đã được ghi nhận "${status}" rồi; không ghi trùng.`,
  staleAttendance: (name: string) => `Trạng thái của ${name} vừa được người khác cập nhật. Vui lòng tải lại trang để xem trạng thái mới nhất.`,
  staleRoster: 'Danh sách điểm danh vừa được người khác cập nhật. Vui lòng tải lại trang rồi thực hiện lại.',
  reasonRequired: 'Vui lòng ghi lý do vắng mặt.',
  timeRequired: 'Vui lòng ghi giờ đến hoặc giờ về.',
  selfCheckInNotToday: 'Chỉ tự điểm danh được trong ngày họp, khi cuộc họp đã triệu tập hoặc đang họp.',
  notAMember: 'Bạn không có tên trong thành phần của cuộc họp này.',
  fileMissing: 'Vui lòng chọn một tệp để tải lên.',
  fileTooLarge: (mb: number) => `Tệp quá lớn: mỗi tệp tối đa ${mb} MB.`,
  fileBadType: 'Tệp không đúng định dạng cho phép (PDF, DOCX, XLSX, PNG, JPEG) — hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên.',
  fileTypeMismatch: (ext: string, real: string) => `Tên tệp có đuôi .${ext} nhưng nội dung là ${real}. Vui lòng kiểm tra lại tệp.`,
  ruleInvalid: 'Tỷ lệ không hợp lệ: tử số và mẫu số là số nguyên dương, tử số không lớn hơn mẫu số.',
  documentUnavailable: 'Không tạo được văn bản này cho cuộc họp.',
};
