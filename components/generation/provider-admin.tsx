"use client";
// Admins add and edit LLM providers. The API key field is write-only: the
// page shows where a key comes from and whether it is present, never the key.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { api } from "@/lib/client/api";

export type ProviderView = {
  id: number;
  name: string;
  kind: "openai" | "anthropic" | "openai_compatible";
  baseUrl: string | null;
  model: string;
  apiKeyEnv: string | null;
  apiKey: { source: "env" | "stored" | "none"; present: boolean };
  requestsPerMinute: number;
  tokensPerMinute: number | null;
  inputTokensPerMinute: number | null;
  outputTokensPerMinute: number | null;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  concurrency: number;
  maxOutputTokens: number;
  timeoutSeconds: number;
  enabled: boolean;
  queue: string;
};

const KIND_LABEL = { openai: "OpenAI", anthropic: "Anthropic", openai_compatible: "OpenAI-compatible (vLLM, Ollama, LiteLLM)" };

const num = (f: FormData, k: string) => (f.get(k) === "" || f.get(k) === null ? null : Number(f.get(k)));

function formBody(f: FormData) {
  const key = String(f.get("apiKey") ?? "");
  return {
    name: String(f.get("name")),
    kind: String(f.get("kind")),
    baseUrl: String(f.get("baseUrl") ?? "") || null,
    model: String(f.get("model")),
    apiKeyEnv: String(f.get("apiKeyEnv") ?? "") || null,
    ...(key ? { apiKey: key } : {}),
    requestsPerMinute: num(f, "requestsPerMinute"),
    tokensPerMinute: num(f, "tokensPerMinute"),
    inputTokensPerMinute: num(f, "inputTokensPerMinute"),
    outputTokensPerMinute: num(f, "outputTokensPerMinute"),
    inputPricePerMTok: num(f, "inputPricePerMTok") ?? 0,
    outputPricePerMTok: num(f, "outputPricePerMTok") ?? 0,
    concurrency: num(f, "concurrency") ?? 32,
    maxOutputTokens: num(f, "maxOutputTokens") ?? 2048,
    timeoutSeconds: num(f, "timeoutSeconds") ?? 120,
    enabled: f.get("enabled") === "on",
  };
}

export function ProviderAdmin() {
  const qc = useQueryClient();
  const providers = useQuery({ queryKey: ["admin-providers"], queryFn: () => api<ProviderView[]>("/api/admin/providers") });
  const [editing, setEditing] = useState<ProviderView | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof formBody>) =>
      editing === "new" || editing === null
        ? api<ProviderView>("/api/admin/providers", { method: "POST", json: body })
        : api<ProviderView>(`/api/admin/providers/${editing.id}`, { method: "PATCH", json: body }),
    onSuccess: () => {
      setError(null);
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["admin-providers"] });
    },
    onError: (e) => setError(e.message),
  });
  const p = editing === "new" ? null : editing;
  return (
    <Card data-testid="provider-admin">
      <div className="mb-4 flex items-center">
        <h2 className="text-lg font-semibold">LLM providers</h2>
        <Button className="ml-auto" size="sm" onClick={() => setEditing("new")}>
          Add provider
        </Button>
      </div>
      {providers.data?.length === 0 && (
        <p className="mb-3 text-sm text-muted">
          No provider yet. Add OpenAI, Anthropic or an OpenAI-compatible server (vLLM, Ollama) to generate samples. Keys come from an env var
          on the workers, or are stored encrypted when PROVIDER_KEY_SECRET is set.
        </p>
      )}
      <ul className="divide-y divide-line text-sm">
        {providers.data?.map((x) => (
          <li key={x.id} className="flex items-center gap-2 py-2" data-testid={`provider-${x.name}`}>
            <span className="font-medium">{x.name}</span>
            <Badge>{KIND_LABEL[x.kind]}</Badge>
            <span className="text-muted">{x.model}</span>
            <span className="text-xs text-muted">
              {x.requestsPerMinute} req/min{x.tokensPerMinute ? ` · ${x.tokensPerMinute.toLocaleString()} tok/min` : ""} · ${x.inputPricePerMTok}/${x.outputPricePerMTok} per M
            </span>
            <Badge tone={x.apiKey.present || x.kind === "openai_compatible" ? "ok" : "bad"}>
              {x.apiKey.source === "stored" ? "key stored (encrypted)" : x.apiKey.source === "env" ? `key from ${x.apiKeyEnv}${x.apiKey.present ? "" : " (not set)"}` : "no key"}
            </Badge>
            {!x.enabled && <Badge tone="warn">disabled</Badge>}
            <Button className="ml-auto" size="sm" variant="ghost" onClick={() => setEditing(x)}>
              Edit
            </Button>
          </li>
        ))}
      </ul>
      {editing && (
        <form
          key={p?.id ?? "new"}
          className="mt-4 grid grid-cols-3 gap-3 border-t border-line pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(formBody(new FormData(e.currentTarget)));
          }}
        >
          <Label>
            Name
            <Input name="name" required defaultValue={p?.name} />
          </Label>
          <Label>
            Kind
            <Select name="kind" defaultValue={p?.kind ?? "openai"}>
              {Object.entries(KIND_LABEL).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </Select>
          </Label>
          <Label>
            Model
            <Input name="model" required defaultValue={p?.model} placeholder="gpt-4o / claude-sonnet-4-5 / …" />
          </Label>
          <Label>
            Base URL (blank = the provider&apos;s own)
            <Input name="baseUrl" type="url" defaultValue={p?.baseUrl ?? ""} placeholder="http://gpu-box:8000/v1" />
          </Label>
          <Label>
            API key env var (on the workers)
            <Input name="apiKeyEnv" defaultValue={p?.apiKeyEnv ?? ""} placeholder="OPENAI_API_KEY" />
          </Label>
          <Label>
            or API key (stored encrypted{p?.apiKey.source === "stored" ? "; leave blank to keep" : ""})
            <Input name="apiKey" type="password" autoComplete="off" />
          </Label>
          <Label>
            Requests / min
            <Input name="requestsPerMinute" type="number" min={1} required defaultValue={p?.requestsPerMinute ?? 500} />
          </Label>
          <Label>
            Tokens / min (OpenAI)
            <Input name="tokensPerMinute" type="number" min={1} defaultValue={p?.tokensPerMinute ?? ""} />
          </Label>
          <Label>
            Concurrency
            <Input name="concurrency" type="number" min={1} defaultValue={p?.concurrency ?? 32} />
          </Label>
          <Label>
            Input tokens / min (Anthropic)
            <Input name="inputTokensPerMinute" type="number" min={1} defaultValue={p?.inputTokensPerMinute ?? ""} />
          </Label>
          <Label>
            Output tokens / min (Anthropic)
            <Input name="outputTokensPerMinute" type="number" min={1} defaultValue={p?.outputTokensPerMinute ?? ""} />
          </Label>
          <Label>
            Max output tokens
            <Input name="maxOutputTokens" type="number" min={16} defaultValue={p?.maxOutputTokens ?? 2048} />
          </Label>
          <Label>
            $ per M input tokens
            <Input name="inputPricePerMTok" type="number" min={0} step="any" defaultValue={p?.inputPricePerMTok ?? 0} />
          </Label>
          <Label>
            $ per M output tokens
            <Input name="outputPricePerMTok" type="number" min={0} step="any" defaultValue={p?.outputPricePerMTok ?? 0} />
          </Label>
          <Label>
            Timeout (s)
            <Input name="timeoutSeconds" type="number" min={5} defaultValue={p?.timeoutSeconds ?? 120} />
          </Label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="enabled" defaultChecked={p?.enabled ?? true} /> Enabled
          </label>
          <div className="col-span-2 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {p ? "Save provider" : "Add provider"}
            </Button>
          </div>
          {error && <p className="col-span-3 text-sm text-bad">{error}</p>}
        </form>
      )}
    </Card>
  );
}
