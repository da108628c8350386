"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { hasRole, type Role } from "@/lib/auth/roles";
import { authClient } from "@/lib/client/auth-client";
import { cn } from "@/lib/client/cn";

const links: { href: string; label: string; role: Role }[] = [
  { href: "/figures", label: "Figures", role: "clinician" },
  { href: "/label", label: "Label", role: "clinician" },
  { href: "/analysis", label: "Analysis", role: "clinician" },
  { href: "/generate", label: "Generate", role: "curator" },
  { href: "/imports", label: "Imports", role: "curator" },
  { href: "/admin", label: "Admin", role: "admin" },
];

export function Nav({ user }: { user: { name: string; email: string; role: Role } }) {
  const path = usePathname();
  const router = useRouter();
  return (
    <header className="flex h-12 items-center gap-6 border-b border-line bg-panel px-4">
      <Link href="/figures" className="font-semibold tracking-tight">
        Obsidian Studio
      </Link>
      <nav className="flex gap-1">
        {links
          .filter((l) => hasRole(user.role, l.role))
          .map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className={cn("rounded px-3 py-1.5 text-sm text-muted hover:text-fg", path.startsWith(l.href) && "bg-panel-2 text-fg")}
            >
              {l.label}
            </Link>
          ))}
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm">
        <span className="text-muted" data-testid="whoami">
          {user.name} · {user.role}
        </span>
        <button
          className="text-muted hover:text-fg"
          onClick={async () => {
            await authClient.signOut();
            router.push("/sign-in");
            router.refresh();
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
