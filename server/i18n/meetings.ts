// Meetings: agenda, attendance, quorum, papers.
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
