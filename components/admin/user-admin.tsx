"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { roles, type Role } from "@/lib/auth/roles";
import { api } from "@/lib/client/api";

type User = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export function UserAdmin({ me }: { me: string }) {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<User[]>("/api/admin/users") });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => {
    setMsg({ ok: true, text });
    void qc.invalidateQueries({ queryKey: ["users"] });
  };
  const fail = (e: Error) => setMsg({ ok: false, text: e.message });

  const add = useMutation({
    mutationFn: (body: { email: string; name: string; password: string; role: Role }) =>
      api<User>("/api/admin/users", { method: "POST", json: body }),
    onSuccess: (u) => done(`Added ${u.email} as ${u.role}.`),
    onError: fail,
  });
  const patch = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; disabled?: boolean }) =>
      api<User>(`/api/admin/users/${id}`, { method: "PATCH", json: body }),
    onSuccess: (u) => done(`Updated ${u.email}.`),
    onError: fail,
  });
  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api(`/api/admin/users/${id}/password`, { method: "POST", json: { password } }),
    onSuccess: () => done("Password reset; the user's sessions were ended."),
    onError: fail,
  });

  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Users</h2>
      <form
        className="mb-6 grid grid-cols-[1fr_1fr_1fr_auto_auto] items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          add.mutate({
            email: String(f.get("email")),
            name: String(f.get("name")),
            password: String(f.get("password")),
            role: f.get("role") as Role,
          });
          e.currentTarget.reset();
        }}
      >
        <Label>
          Name
          <Input name="name" required />
        </Label>
        <Label>
          Email
          <Input name="email" type="email" required />
        </Label>
        <Label>
          Initial password
          <Input name="password" type="text" minLength={8} required autoComplete="off" />
        </Label>
        <Label>
          Role
          <Select name="role" defaultValue="clinician">
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        </Label>
        <Button type="submit" disabled={add.isPending}>
          Add user
        </Button>
      </form>
      {msg && (
        <p role="status" className={msg.ok ? "mb-3 text-sm text-ok" : "mb-3 text-sm text-bad"}>
          {msg.text}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-2">Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Access</th>
            <th>Password</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id} className="border-t border-line" data-testid={`user-${u.email}`}>
              <td className="py-2">{u.name}</td>
              <td>{u.email}</td>
              <td>
                <Select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={u.id === me}
                  onChange={(e) => patch.mutate({ id: u.id, role: e.target.value as Role })}
                >
                  {roles.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </Select>
              </td>
              <td>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={u.id === me}
                  onClick={() => patch.mutate({ id: u.id, disabled: !u.disabled })}
                >
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
              </td>
              <td>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    const password = window.prompt(`New password for ${u.email} (at least 8 characters)`);
                    if (password) reset.mutate({ id: u.id, password });
                  }}
                >
                  Reset…
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
