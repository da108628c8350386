import { Suspense } from "react";
import { SignInForm } from "@/components/shell/sign-in-form";

export default function SignInPage() {
  return (
    <div className="mx-auto mt-32 w-full max-w-sm">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">Obsidian Studio</h1>
      <p className="mb-6 text-sm text-muted">Sign in with the account your admin gave you.</p>
      <Suspense>
        <SignInForm />
      </Suspense>
    </div>
  );
}
