export default function Minutes() {
  return null;
}
