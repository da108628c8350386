import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-32 max-w-md text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-muted">Your role does not include this page. Ask an admin if you need access.</p>
      <Link href="/figures" className="mt-6 inline-block text-accent">
        Back to figures
      </Link>
    </div>
  );
}
