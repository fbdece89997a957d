export default function ScheduleMeeting() {
  return null;
}
