// Every Vietnamese string of the interface in one place. Code identifiers stay English (README glossary).
import type { ZipProblem } from '../domain/file-type.ts';

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
  csrf: 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.',
  notFound: 'Không tìm thấy trang hoặc bản ghi này.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  serverError: 'Hệ thống gặp lỗi ngoài dự kiến. Thao tác chưa được lưu; vui lòng thử lại.',
  payloadTooLarge: 'Dữ liệu gửi lên quá lớn.',
  badRequest: 'Yêu cầu không hợp lệ.',
  controlCharacters: 'Dữ liệu gửi lên có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Vui lòng gõ lại nội dung rồi gửi lại.',
  notText: 'Giá trị của ô này không hợp lệ.',
  malformedUpload: 'Biểu mẫu tải tệp bị lỗi hoặc không trọn vẹn. Vui lòng chọn lại tệp và gửi lại.',
  saved: 'Đã lưu.',
  created: 'Đã tạo.',
  loggedOut: 'Bạn đã đăng xuất.',
  cannotDeactivateSelf: 'Bạn không thể tự khóa tài khoản của chính mình.',
};

/** Why a typed text was refused (server/domain/text.ts), one message per reason. */
export const textProblemMessages: Record<'CONTROL' | 'LINE_BREAK' | 'TAB' | 'INVISIBLE' | 'BIDI', string> = {
  CONTROL: 'Nội dung có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Vui lòng gõ lại rồi gửi lại.',
  LINE_BREAK: 'Ô này chỉ nhận một dòng: nội dung có dấu xuống dòng. Vui lòng viết liền trên một dòng.',
  TAB: 'Ô này chỉ nhận một dòng: nội dung có ký tự tab. Vui lòng thay bằng dấu cách.',
  INVISIBLE: 'Nội dung có ký tự vô hình (ví dụ ký tự độ rộng bằng 0), thường do sao chép từ nơi khác. Vui lòng gõ lại nội dung này.',
  BIDI: 'Nội dung có ký tự điều khiển chiều viết (phải sang trái), có thể làm văn bản hiển thị sai. Vui lòng gõ lại nội dung này.',
};

/** Why a DOCX or XLSX upload was refused from its ZIP entry table (server/domain/file-type.ts zipPackageProblem). */
export function zipProblemMessage(p: ZipProblem): string {
  const mb = (n: number) => Math.round(n / (1024 * 1024)).toLocaleString('vi-VN');
  switch (p.reason) {
    case 'MALFORMED': return 'Tệp Word/Excel bị hỏng hoặc không đọc được (cấu trúc nén không hợp lệ). Vui lòng lưu lại tệp từ Word/Excel rồi tải lên lại.';
    case 'UNSUPPORTED': return 'Tệp Word/Excel được nén hoặc mã hóa theo cách hệ thống không hỗ trợ (ví dụ đặt mật khẩu). Vui lòng bỏ mật khẩu, lưu lại tệp rồi tải lên lại.';
    case 'TOO_MANY_ENTRIES': return `Tệp Word/Excel chứa quá nhiều thành phần (${p.entries.toLocaleString('vi-VN')}). Tệp này không giống văn bản thông thường nên không được nhận.`;
    case 'TOO_LARGE': return `Tệp Word/Excel khi giải nén sẽ lớn hơn ${mb(p.bytes)} MB, vượt giới hạn cho phép. Vui lòng giảm dung lượng (ví dụ nén ảnh) rồi tải lên lại.`;
    case 'RATIO': return `Tệp Word/Excel có thành phần "${p.name}" nén bất thường (gấp ${p.ratio.toLocaleString('vi-VN')} lần khi giải nén): có thể là tệp độc hại nên không được nhận.`;
    case 'OVERLAP': return 'Tệp Word/Excel có các thành phần chồng lên nhau, một dấu hiệu của tệp độc hại, nên không được nhận.';
    default: {
      const unreachable: never = p;
      return unreachable;
    }
  }
}

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
  firstNotFirst: 'Kỳ họp thứ nhất phải là kỳ họp đầu tiên của nhiệm kỳ; nhiệm kỳ này đã có kỳ họp mang số trước kỳ họp này.',
  firstAlreadyConvened: 'Không triệu tập được kỳ họp thứ nhất: nhiệm kỳ này đã có kỳ họp được triệu tập, nên kỳ họp này không mang số 1 (Luật 72/2025/QH15 Điều 44). Hãy đổi loại kỳ họp.',
  chairPerRegulation: (name: string) => `Theo Quy chế, chủ trì là ${name}.`,
  ruleNotRetroactive: (today: string) => `Ngày hiệu lực không được trước hôm nay (${today}): quy tắc họp không áp dụng ngược cho các cuộc họp đã qua.`,
  ruleAfterLastMeeting: (day: string) => `Ngày hiệu lực phải sau ngày ${day}, ngày của cuộc họp gần nhất đã triệu tập hoặc đã họp: quy tắc mới không được làm thay đổi số thành viên cần có mặt của cuộc họp đó.`,
  attendanceNotMeetingDay: 'Chỉ điểm danh được trong các ngày họp, khi cuộc họp đã triệu tập hoặc đang họp.',
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

// ---- Votes and elections (issue 5) ----
export const voteMsg = {
  kindLabels: {
    resolution: 'Nghị quyết', decision: 'Quyết định', personnel: 'Nhân sự', election: 'Bầu cử', removal: 'Bãi nhiệm, miễn nhiệm', procedural: 'Thủ tục',
  } as Record<string, string>,
  methodLabels: {
    named: 'Biểu quyết công khai (ghi tên)', totals: 'Biểu quyết giơ tay (chỉ tổng số)', secret: 'Bỏ phiếu kín (theo biên bản kiểm phiếu)',
    electronic: 'Biểu quyết điện tử (công khai)', electronic_secret: 'Bỏ phiếu kín điện tử', written: 'Lấy ý kiến bằng văn bản',
  } as Record<string, string>,
  statusLabels: { pending: 'Chưa mở', open: 'Đang biểu quyết', closed: 'Đã kết thúc' } as Record<string, string>,
  choiceLabels: { for: 'Tán thành', against: 'Không tán thành', abstain: 'Không biểu quyết' } as Record<string, string>,
  secretChoiceLabels: { for: 'Đồng ý', against: 'Không đồng ý', abstain: 'Phiếu trắng' } as Record<string, string>,
  stale: 'Biểu quyết này vừa được người khác cập nhật. Vui lòng tải lại trang.',
  notOpen: 'Biểu quyết này chưa mở hoặc đã kết thúc; phiếu không được ghi nhận.',
  alreadyClosed: 'Biểu quyết này đã kết thúc; kết quả là cuối cùng và không thay đổi được. Nếu cần, hãy tổ chức biểu quyết lại (vòng mới).',
  deadlinePassed: 'Đã hết hạn lấy ý kiến; phiếu không được ghi nhận.',
  wrongMethod: 'Biểu quyết này không nhận phiếu theo cách này.',
  notAMember: (body: string) => `Bạn không phải thành viên có quyền biểu quyết của ${body} vào ngày biểu quyết; phiếu không được ghi nhận.`,
  notPresent: 'Chỉ thành viên đang có mặt tại cuộc họp mới được biểu quyết. Hãy điểm danh trước; phiếu không được ghi nhận.',
  alreadyVoted: 'Bạn đã biểu quyết nội dung này rồi; mỗi người chỉ biểu quyết một lần.',
  alreadyVotedSomeone: 'Có người đã được ghi phiếu rồi; mỗi người chỉ biểu quyết một lần. Vui lòng tải lại trang.',
  noPerson: 'Tài khoản của bạn không gắn với một thành viên nên không biểu quyết được.',
  meetingNotRunning: 'Chỉ tạo biểu quyết khi cuộc họp đã triệu tập hoặc đang họp.',
  meetingNotInSession: 'Chỉ mở biểu quyết khi cuộc họp đang họp (đã khai mạc).',
  notPending: 'Biểu quyết này đã được mở trước đó.',
  revoteOnlyClosed: 'Chỉ biểu quyết lại được khi vòng trước đã kết thúc.',
  revoteExists: 'Vòng biểu quyết lại của nội dung này đã được tạo.',
  noRuleForBody: 'Cơ quan này không biểu quyết loại nội dung này (không có quy định áp dụng).',
  candidatesRequired: 'Vui lòng chọn người ứng cử trong danh sách nhân sự hoặc nhập tên, mỗi người một dòng.',
  duplicateCandidate: 'Danh sách có người ứng cử trùng nhau.',
  namesakes: (name: string) => `Có nhiều người tên "${name}" trong danh sách nhân sự của xã: hãy đánh dấu đúng người ứng cử trong danh sách thay vì gõ tên.`,
  notOnAgenda: 'Nội dung này không có trong chương trình cuộc họp.',
  badChoice: 'Lựa chọn không hợp lệ.',
  nothingRecorded: 'Chưa chọn ý kiến của người nào.',
  boardRequired: 'Vui lòng nhập Ban kiểm phiếu: mỗi người một dòng "Họ tên — vai trò", người đầu tiên là Trưởng ban (ít nhất 2 người).',
  ballotsExceedPresent: (cast: number, present: number) => `Tổng số phiếu (${cast}) nhiều hơn số thành viên có mặt (${present}); không ghi nhận. Vui lòng kiểm tra lại số liệu.`,
  issuedExceedsPresent: (issued: number, present: number) => `Số phiếu phát ra (${issued}) nhiều hơn số thành viên có mặt (${present}); không ghi nhận.`,
  collectedExceedsIssued: 'Số phiếu thu vào không được nhiều hơn số phiếu phát ra.',
  invalidExceedsCollected: 'Số phiếu không hợp lệ không được nhiều hơn số phiếu thu vào.',
  collectedMismatch: (cast: number, collected: number) => `Tổng các loại phiếu (${cast}) phải bằng số phiếu thu vào (${collected}).`,
  agreeExceedsValid: (name: string, valid: number) => `Số phiếu đồng ý của ${name} nhiều hơn số phiếu hợp lệ (${valid}).`,
  electionTie: (n: number, seats: number) => `${n} người ứng cử có số phiếu bằng nhau cho ${seats} chỗ cuối cùng; phải bầu lại giữa những người này`,
  tooManyMarks: (seats: number) => `Mỗi phiếu được đồng ý tối đa ${seats} người.`,
  chairmanSideRequired: 'Số phiếu tán thành bằng đúng một nửa tổng số thành viên (biểu quyết ngang nhau): cần ghi ý kiến Chủ tịch Ủy ban nhân dân đã biểu quyết (Điều 40 khoản 3 Luật 72/2025/QH15).',
  termUnknown: 'Không tìm thấy nhiệm kỳ của Hội đồng nhân dân chứa ngày biểu quyết nên không xác định được thời gian còn lại của nhiệm kỳ (Điều 49 khoản 2 Luật 72/2025/QH15). Vui lòng kiểm tra nhiệm kỳ của cơ quan trước khi kết thúc biểu quyết.',
  deadlineRequired: 'Vui lòng nhập hạn trả lời (ngày và giờ) sau thời điểm hiện tại.',
  refused: (reason: string) => ({
    PRESENT_EXCEEDS_MEMBERS: 'Số người có mặt nhiều hơn số thành viên.',
    BALLOTS_EXCEED_PRESENT: 'Tổng số phiếu nhiều hơn số thành viên có mặt.',
    BALLOTS_EXCEED_MEMBERS: 'Số phiếu nhiều hơn số thành viên.',
    AGREE_EXCEEDS_BALLOTS: 'Số phiếu đồng ý của một người ứng cử nhiều hơn số phiếu hợp lệ.',
    EMPTY_BODY: 'Cơ quan không có thành viên có quyền biểu quyết vào ngày này.',
    CHAIRMAN_SIDE_INCONSISTENT: 'Ý kiến của Chủ tịch không khớp với số phiếu (bên đó không có phiếu nào).',
    MONTHS_LEFT_REQUIRED: 'Cần thời gian còn lại của nhiệm kỳ để áp dụng Điều 49 khoản 2.',
    IN_OFFICE_EXCEEDS_TOTAL: 'Số thành viên đương nhiệm nhiều hơn tổng số.',
    IN_OFFICE_EXCEEDS_SEATS: 'Số đại biểu đương nhiệm nhiều hơn số đại biểu được bầu.',
    NO_RULE: 'Cơ quan này không biểu quyết loại nội dung này.',
  } as Record<string, string>)[reason] ?? 'Số liệu không hợp lệ.',
};

// ---- Written opinion-taking between sessions (phiếu lấy ý kiến, issue 5) ----
export const writtenMsg = {
  choiceLabels: { for: 'Tán thành', against: 'Không tán thành', abstain: 'Ý kiến khác' } as Record<string, string>,
  sourceLabels: { online: 'trực tuyến', paper: 'phiếu giấy' } as Record<string, string>,
  notAVoter: 'Người này không có tên trong danh sách được gửi phiếu lấy ý kiến (thành viên có quyền biểu quyết vào ngày gửi phiếu).',
  alreadyAnswered: (name: string, source: string, at: string) =>
    `${name} đã trả lời ${source === 'paper' ? 'bằng phiếu giấy' : 'trực tuyến'}${at ? ` lúc ${at}` : ''}; mỗi người chỉ trả lời một lần, không ghi thêm phiếu giấy.`,
  beforeDeadline: (at: string) => `Chưa đến hạn trả lời (${at}); chỉ kết thúc được từ thời điểm hết hạn.`,
};

// ---- Log-in, sessions and two-factor sign-in (issue 11) ----

/** A wait as a person reads it: "45 giây", "2 phút", "1 giờ 5 phút". */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} giây`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} phút`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} giờ ${m} phút` : `${h} giờ`;
}

export const authMsg = {
  loginThrottled: (seconds: number) => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  codeThrottled: (seconds: number) => `Nhập sai mã quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  passwordThrottled: (seconds: number) => `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${waitText(seconds)}.`,
  secondStepExpired: 'Bước đăng nhập đã hết hạn. Vui lòng nhập lại tên đăng nhập và mật khẩu.',
  codeRequired: 'Vui lòng nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã khôi phục.',
  codeWrong: 'Mã xác thực không đúng hoặc đã được dùng. Vui lòng nhập mã đang hiện trên ứng dụng.',
  currentPasswordWrong: 'Mật khẩu hiện tại không đúng.',
  passwordSameAsCurrent: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã được kết thúc.',
  sessionEnded: 'Đã kết thúc phiên đăng nhập.',
  otherSessionsEnded: (n: number) => (n ? `Đã kết thúc ${n} phiên đăng nhập khác.` : 'Không có phiên đăng nhập nào khác.'),
  sessionGone: 'Phiên đăng nhập này không còn (đã đăng xuất hoặc hết hạn).',
  totpEnabled: 'Đã bật xác thực hai bước. Hãy cất các mã khôi phục ở nơi an toàn.',
  totpDisabled: 'Đã tắt xác thực hai bước.',
  totpAlreadyOn: 'Xác thực hai bước đã được bật cho tài khoản này.',
  totpNotOn: 'Xác thực hai bước chưa được bật.',
  totpEnrolExpired: 'Mã bí mật vừa tạo không còn; vui lòng quét lại mã QR mới.',
  totpRequired: 'Tài khoản quản trị phải bật xác thực hai bước trước khi làm việc tiếp.',
  totpRequiredCannotDisable: 'Tài khoản quản trị bắt buộc dùng xác thực hai bước nên không tắt được. Có thể bật lại với điện thoại mới.',
  totpReset: 'Đã tắt xác thực hai bước của tài khoản; người dùng cần bật lại.',
  recoveryCodeUsed: (left: number) => `Bạn vừa đăng nhập bằng một mã khôi phục; còn ${left} mã chưa dùng.`,
};

// ---- Document templates (Liquid) and their editor (issue 11) ----
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
