// The badge colour of a common-area repair's status, the same for residents and managers.
export const commonBadge = (status: string) => (status === "done" ? "badge-active" : status === "withdrawn" ? "badge-rejected" : status === "in_progress" ? "badge-pending" : "badge-overdue");
