export default function Meeting() {
  return null;
}
