import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/session";
import { Nav } from "./nav";

export function PageFrame({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <div className="flex h-screen flex-col">
      <Nav user={user} />
      <main className="min-h-0 flex-1">{children}</main>
    </div>
  );
}
