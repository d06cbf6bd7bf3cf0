import { Shell } from "@/components/shell/Shell";

export default function Home() {
  return <Shell />;
}
