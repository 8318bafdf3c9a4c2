import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  buildReport,
  cancelledLine,
  clientMatrixView,
  describeIsolation,
  docsUrl,
  escapeHtml,
  escapeHtmlWithCode,
  escapePre,
  formatMs,
  hardWrap,
  needsRemediation,
  require__,
  truncate,
  worstStatus
} from "./chunk-PIMTGGPY.js";
import {
  forTerminal
} from "./chunk-OEXIEUCX.js";
import {
  TOOL_VERSION
} from "./chunk-3LATT3HS.js";
import {
  __toESM
} from "./chunk-PN6J2TVM.js";

// src/report/merge.ts
var osNames = { linux: "Linux", win32: "Windows", darwin: "macOS" };
var maxReasonChars = 160;
function legLabel(runner) {
  const label = runner.leg ?? runner.actions?.os ?? osNames[runner.os] ?? runner.os;
  return truncate(forTerminal(label), 64);
}
function mergeReports(inputs, runner) {
  const first = inputs[0];
  if (!first) return { ok: false, error: "no report to merge" };
  const version = first.report.tool.version;
  const other = inputs.find((i) => i.report.tool.version !== version || i.report.schemaVersion !== first.report.schemaVersion);
  if (other) {
    return {
      ok: false,
      error: `${forTerminal(other.source)} was written by mcp-preflight ${forTerminal(String(other.report.tool.version))} (report schema ${other.report.schemaVersion}) and ${forTerminal(first.source)} by ${forTerminal(version)} (schema ${first.report.schemaVersion}): merge reports of one version (every leg uses the same action ref).`
    };
  }
  const groups = /* @__PURE__ */ new Map();
  for (const input of inputs) {
    const label = legLabel(input.report.runner);
    groups.set(label, [...groups.get(label) ?? [], input]);
  }
  const notes = [];
  const legs = [];
  const legReports = /* @__PURE__ */ new Map();
  for (const [label, group] of groups) {
    const { kept, shards, missing, duplicate, notes: shardNotes } = joinShards(label, group);
    notes.push(...shardNotes);
    legReports.set(label, kept);
    const r = kept[0]?.runner ?? group[0].report.runner;
    const cancelled = kept.find((k) => k.cancelled)?.cancelled?.signal;
    legs.push({
      label,
      os: osNames[r.os] ?? forTerminal(r.os),
      arch: forTerminal(r.arch),
      node: forTerminal(r.node),
      shards,
      missingShards: missing,
      duplicateShards: duplicate,
      clients: [...new Set(kept.flatMap((k) => k.servers.flatMap((s) => Object.keys(s.clients ?? {}))))],
      ...cancelled !== void 0 && { cancelled: forTerminal(cancelled) }
    });
  }
  const perServer = /* @__PURE__ */ new Map();
  for (const leg of legs) {
    for (const report2 of legReports.get(leg.label) ?? []) {
      for (const server of report2.servers) {
        const key = `${server.config.replaceAll("\\", "/")}\0${server.name}`;
        const entry = perServer.get(key) ?? { base: server, byLeg: /* @__PURE__ */ new Map() };
        if (!entry.byLeg.has(leg.label)) entry.byLeg.set(leg.label, server);
        perServer.set(key, entry);
      }
    }
  }
  const servers = [];
  const rows = [];
  for (const { base, byLeg } of perServer.values()) {
    const cells = Object.fromEntries([...byLeg].map(([label, server]) => [label, cell(server)]));
    const difference = describeDifference(cells);
    rows.push({ name: base.name, config: base.config, line: base.line, cells, ...difference && { difference } });
    servers.push(mergedServer(base, byLeg));
  }
  const configs = mergedConfigs(legs.flatMap((leg) => legReports.get(leg.label) ?? []));
  const all = inputs.map((i) => i.report);
  const cancelledLeg = legs.find((l) => l.cancelled !== void 0);
  const incomplete = legs.some((l) => l.missingShards.length > 0);
  const report = buildReport({
    tool: first.report.tool,
    runner,
    startedAt: all.map((r) => r.startedAt).sort()[0] ?? first.report.startedAt,
    durationMs: Math.max(...all.map((r) => r.durationMs)),
    settings: { ...first.report.settings },
    configs,
    servers,
    ...cancelledLeg && { cancelled: { signal: `${cancelledLeg.cancelled} on ${cancelledLeg.label}` } }
  });
  report.merge = { legs, servers: rows, notes };
  const perLeg = legs.flatMap((leg) => (legReports.get(leg.label) ?? []).map((r) => ({ leg: leg.label, report: r })));
  return { ok: true, merged: { report, legs, servers: rows, notes, legReports: perLeg, incomplete } };
}
function joinShards(label, group) {
  const notes = [];
  const counts = [...new Set(group.map((g) => g.report.shard?.count ?? 1))];
  const shards = Math.max(...counts);
  if (counts.length > 1) {
    notes.push(`${label}: reports split into different numbers of shards (${counts.join(", ")}): shards are read as parts of ${shards}`);
  }
  const byIndex = /* @__PURE__ */ new Map();
  const duplicate = /* @__PURE__ */ new Set();
  for (const input of group) {
    const index = input.report.shard?.index ?? 1;
    const seen = byIndex.get(index);
    if (seen) {
      duplicate.add(index);
      notes.push(
        `${label}: shard ${index}/${shards} twice (${forTerminal(seen.source)} and ${forTerminal(input.source)}); the first is used`
      );
    } else byIndex.set(index, input);
  }
  const missing = Array.from({ length: shards }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    notes.push(
      `${label}: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${shards}`).join(", ")} missing: their servers were not checked on this leg (did that job fail before uploading its report?)`
    );
  }
  const kept = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, input]) => input.report);
  return { kept, shards, missing, duplicate: [...duplicate], notes };
}
function cell(server) {
  const counted = server.checks.filter((c) => !c.suppressed);
  const worst = counted.find((c) => c.status === "fail") ?? counted.find((c) => c.status === "warn");
  return {
    status: server.status,
    clients: server.clients ?? {},
    ...worst && { reason: truncate(forTerminal(`${worst.id}: ${worst.message}`), maxReasonChars) }
  };
}
var verbs = { fail: "fails", warn: "warns", pass: "passes", skip: "is skipped" };
function describeDifference(cells) {
  const entries = Object.entries(cells);
  if (new Set(entries.map(([, c]) => `${c.status}\0${c.reason ?? ""}`)).size <= 1) return void 0;
  const parts = [];
  for (const status of ["fail", "warn", "pass", "skip"]) {
    const legs = entries.filter(([, c]) => c.status === status);
    if (legs.length === 0) continue;
    if (status === "fail" || status === "warn") {
      const byReason = /* @__PURE__ */ new Map();
      for (const [label, c] of legs) byReason.set(c.reason ?? "", [...byReason.get(c.reason ?? "") ?? [], label]);
      for (const [reason, labels] of byReason) parts.push(`${verbs[status]} on ${listing(labels)}${reason ? `: ${reason}` : ""}`);
    } else parts.push(`${verbs[status]} on ${listing(legs.map(([label]) => label))}`);
  }
  return parts.join("; ");
}
function listing(items) {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
function mergedServer(base, byLeg) {
  const legCount = byLeg.size;
  const groups = /* @__PURE__ */ new Map();
  for (const [label, server] of byLeg) {
    for (const check of server.checks) {
      const key = [check.id, check.client ?? "", check.status, check.message, check.line ?? "", check.suppressed?.reason ?? ""].join("\0");
      const group = groups.get(key) ?? { check, legs: [] };
      group.legs.push(label);
      groups.set(key, group);
    }
  }
  const checks = [];
  const passedSomewhere = /* @__PURE__ */ new Set();
  for (const { check, legs } of groups.values()) {
    const finding = check.status === "fail" || check.status === "warn";
    if (legs.length === legCount || !finding) {
      const id = `${check.id}\0${check.client ?? ""}`;
      if (!finding && passedSomewhere.has(id)) continue;
      if (!finding) passedSomewhere.add(id);
      checks.push(check);
    } else checks.push({ ...check, message: `on ${listing(legs)}: ${check.message}` });
  }
  const servers = [...byLeg.values()];
  const worst = /* @__PURE__ */ new Map();
  for (const server of servers) {
    for (const [id, verdict] of Object.entries(server.clients ?? {})) {
      const seen = worst.get(id);
      if (!seen || verdictRank[verdict.status] > verdictRank[seen.status]) worst.set(id, verdict);
    }
  }
  const clients = Object.fromEntries(worst);
  return {
    ...base,
    status: worstStatus(servers.map((s) => s.status)),
    startupMs: maxOrNull(servers.map((s) => s.startupMs)),
    durationMs: maxOrNull(servers.map((s) => s.durationMs)),
    checks: dropPassesOfFindings(checks),
    stderrTail: servers.find((s) => s.status === "fail")?.stderrTail ?? base.stderrTail,
    ...Object.keys(clients).length > 0 && { clients }
  };
}
function dropPassesOfFindings(checks) {
  const flagged = new Set(checks.filter((c) => c.status === "fail" || c.status === "warn").map((c) => `${c.id}\0${c.client ?? ""}`));
  return checks.filter((c) => c.status === "fail" || c.status === "warn" || !flagged.has(`${c.id}\0${c.client ?? ""}`));
}
var verdictRank = { works: 0, unknown: 1, warn: 2, fails: 3 };
function maxOrNull(values) {
  const numbers = values.filter((v) => v !== null);
  return numbers.length > 0 ? Math.max(...numbers) : null;
}
function mergedConfigs(reports) {
  const byPath = /* @__PURE__ */ new Map();
  for (const report of reports) {
    for (const config of report.configs) {
      const key = config.path.replaceAll("\\", "/");
      const seen = byPath.get(key);
      if (!seen) byPath.set(key, config);
      else {
        const known = new Set(seen.checks.map((c) => `${c.id}\0${c.status}\0${c.message}`));
        const extra = config.checks.filter((c) => !known.has(`${c.id}\0${c.status}\0${c.message}`));
        if (extra.length > 0) byPath.set(key, { ...seen, checks: [...seen.checks, ...extra] });
      }
    }
  }
  return [...byPath.values()];
}

// src/report/merge-input.ts
var import__ = __toESM(require__(), 1);
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

// docs/report.schema.json
var report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://raw.githubusercontent.com/OWNER/mcp-preflight/v0.1.0/docs/report.schema.json",
  title: "mcp-preflight JSON report",
  description: "Written by `mcp-preflight --json FILE` and by the action's `report-path`. Additive changes keep schemaVersion 1.",
  type: "object",
  required: [
    "schemaVersion",
    "tool",
    "runner",
    "startedAt",
    "durationMs",
    "settings",
    "configs",
    "servers",
    "totals"
  ],
  properties: {
    schemaVersion: {
      const: 1
    },
    tool: {
      type: "object",
      required: [
        "name",
        "version"
      ],
      properties: {
        name: {
          const: "mcp-preflight"
        },
        version: {
          type: "string"
        }
      }
    },
    runner: {
      type: "object",
      required: [
        "os",
        "arch",
        "node"
      ],
      properties: {
        os: {
          type: "string",
          description: "process.platform: linux, darwin, win32"
        },
        arch: {
          type: "string"
        },
        node: {
          type: "string"
        },
        leg: {
          type: "string",
          description: "The matrix leg's label (`--leg`, input `leg`, e.g. windows-latest): how `mcp-preflight merge` names this leg's column."
        },
        actions: {
          type: "object",
          description: "What GitHub Actions says of the runner: RUNNER_OS, RUNNER_ARCH, RUNNER_NAME.",
          required: [
            "os"
          ],
          properties: {
            os: {
              type: "string",
              description: "Linux, Windows or macOS"
            },
            arch: {
              type: "string"
            },
            name: {
              type: "string"
            }
          }
        }
      }
    },
    shard: {
      type: "object",
      description: "Present when the run checked one shard of the servers (`--shard K/N`): a stable partition by config path and name.",
      required: [
        "index",
        "count",
        "servers",
        "of"
      ],
      properties: {
        index: {
          type: "integer",
          minimum: 1,
          description: "K, 1-based"
        },
        count: {
          type: "integer",
          minimum: 1,
          description: "N"
        },
        servers: {
          type: "integer",
          minimum: 0,
          description: "Servers in this shard (0: an empty shard, which passes)"
        },
        of: {
          type: "integer",
          minimum: 0,
          description: "Servers selected before sharding"
        }
      }
    },
    startedAt: {
      type: "string",
      format: "date-time"
    },
    durationMs: {
      type: "number",
      minimum: 0
    },
    settings: {
      type: "object",
      required: [
        "startupTimeoutMs",
        "requestTimeoutMs",
        "concurrency",
        "freshHome",
        "failOn"
      ],
      properties: {
        startupTimeoutMs: {
          type: "integer",
          minimum: 1
        },
        requestTimeoutMs: {
          type: "integer",
          minimum: 1
        },
        stayAliveMs: {
          type: "integer",
          minimum: 1
        },
        concurrency: {
          type: "integer",
          minimum: 1
        },
        freshHome: {
          type: "boolean"
        },
        failOn: {
          enum: [
            "error",
            "warning",
            "never"
          ]
        },
        isolation: {
          type: "object",
          description: "Where servers ran: the isolation asked for, the one used, and what it does not cover. Absent when no server was to be launched.",
          required: [
            "requested",
            "effective",
            "network",
            "limits"
          ],
          properties: {
            requested: {
              enum: [
                "auto",
                "sandbox",
                "docker",
                "process"
              ]
            },
            effective: {
              enum: [
                "sandbox",
                "docker",
                "process"
              ]
            },
            network: {
              enum: [
                "host",
                "none"
              ]
            },
            image: {
              type: "string"
            },
            tool: {
              type: "string",
              description: 'The tool that builds the boundary, e.g. "bubblewrap 0.8.0".'
            },
            notice: {
              type: "string",
              description: "The fallback and what it loses, or how to get the stronger mode."
            },
            limits: {
              type: "array",
              items: {
                type: "string"
              }
            }
          }
        }
      }
    },
    configs: {
      type: "array",
      items: {
        type: "object",
        required: [
          "path",
          "format",
          "client",
          "servers",
          "checks"
        ],
        properties: {
          path: {
            type: "string",
            description: "relative to the run's root, forward slashes"
          },
          format: {
            type: "string"
          },
          client: {
            type: "string"
          },
          servers: {
            type: "integer",
            minimum: 0
          },
          error: {
            type: "object",
            $ref: "#/$defs/position",
            required: [
              "message",
              "line",
              "column"
            ]
          },
          checks: {
            type: "array",
            items: {
              $ref: "#/$defs/check"
            }
          }
        }
      }
    },
    servers: {
      type: "array",
      items: {
        type: "object",
        required: [
          "name",
          "config",
          "line",
          "column",
          "client",
          "transport",
          "status",
          "startupMs",
          "durationMs",
          "serverInfo",
          "protocolVersion",
          "capabilities",
          "tools",
          "checks",
          "stderrTail"
        ],
        properties: {
          name: {
            type: "string"
          },
          config: {
            type: "string"
          },
          line: {
            type: "integer",
            minimum: 1
          },
          column: {
            type: "integer",
            minimum: 1
          },
          client: {
            type: "string"
          },
          transport: {
            enum: [
              "stdio",
              "http",
              "sse",
              "unknown"
            ]
          },
          status: {
            $ref: "#/$defs/status"
          },
          startupMs: {
            type: [
              "number",
              "null"
            ]
          },
          durationMs: {
            type: [
              "number",
              "null"
            ]
          },
          serverInfo: {
            type: [
              "object",
              "null"
            ]
          },
          protocolVersion: {
            type: [
              "string",
              "null"
            ]
          },
          capabilities: {
            type: [
              "object",
              "null"
            ]
          },
          tools: {
            type: "array",
            items: {
              type: "object",
              required: [
                "name"
              ],
              properties: {
                name: {
                  type: "string"
                }
              }
            }
          },
          checks: {
            type: "array",
            items: {
              $ref: "#/$defs/check"
            }
          },
          stderrTail: {
            type: "array",
            items: {
              type: "string"
            }
          },
          probeError: {
            type: "string"
          },
          cancelled: {
            const: true,
            description: "The run was cancelled before this server was checked to the end: it is judged from its config alone, its other checks skipped."
          },
          launch: {
            type: "object",
            required: [
              "command",
              "args",
              "cwd"
            ],
            properties: {
              command: {
                type: "string"
              },
              args: {
                type: "array",
                items: {
                  type: "string"
                }
              },
              cwd: {
                type: "string"
              },
              isolation: {
                enum: [
                  "sandbox",
                  "docker",
                  "process"
                ],
                description: "The boundary the server ran in."
              },
              image: {
                type: "string"
              },
              spawned: {
                type: "array",
                items: {
                  type: "string"
                },
                description: "The command line actually spawned (bwrap or docker around the declared one), secrets masked."
              }
            }
          },
          clients: {
            type: "object",
            description: "Per selected client profile: does the server work there",
            additionalProperties: {
              type: "object",
              required: [
                "status"
              ],
              properties: {
                status: {
                  enum: [
                    "works",
                    "warn",
                    "fails",
                    "unknown"
                  ]
                },
                reason: {
                  type: "string"
                }
              }
            }
          },
          protocolVersions: {
            type: [
              "object",
              "null"
            ],
            required: [
              "supported",
              "offers",
              "era",
              "complete"
            ],
            properties: {
              supported: {
                type: "array",
                items: {
                  type: "string"
                }
              },
              offers: {
                type: "array",
                items: {
                  type: "object",
                  required: [
                    "offered",
                    "outcome"
                  ],
                  properties: {
                    offered: {
                      type: "string"
                    },
                    method: {
                      type: "string"
                    },
                    outcome: {
                      type: "string"
                    },
                    answered: {
                      type: "string"
                    }
                  }
                }
              },
              era: {
                type: "string"
              },
              complete: {
                type: "boolean"
              }
            }
          }
        }
      }
    },
    cancelled: {
      type: "object",
      description: "Present when SIGINT or SIGTERM cancelled the run: the report is partial.",
      required: [
        "signal"
      ],
      properties: {
        signal: {
          type: "string",
          description: "SIGINT or SIGTERM"
        }
      }
    },
    totals: {
      type: "object",
      required: [
        "configs",
        "configErrors",
        "servers",
        "passed",
        "warned",
        "failed",
        "skipped"
      ],
      properties: {
        configs: {
          type: "integer",
          minimum: 0
        },
        configErrors: {
          type: "integer",
          minimum: 0
        },
        servers: {
          type: "integer",
          minimum: 0
        },
        passed: {
          type: "integer",
          minimum: 0
        },
        warned: {
          type: "integer",
          minimum: 0
        },
        failed: {
          type: "integer",
          minimum: 0
        },
        skipped: {
          type: "integer",
          minimum: 0
        }
      },
      additionalProperties: {
        type: "integer",
        minimum: 0
      }
    },
    suppressions: {
      type: "array",
      description: "The run's suppressions (.mcp-preflight.yml, --suppress, the action's suppress input), each with what it matched. Absent when there are none.",
      items: {
        type: "object",
        required: [
          "check",
          "reason",
          "source",
          "matched"
        ],
        properties: {
          check: {
            type: "string"
          },
          server: {
            type: "string",
            description: "Only this server"
          },
          client: {
            type: "string",
            description: "Only findings about this client profile"
          },
          reason: {
            type: "string"
          },
          source: {
            type: "string",
            description: 'Where it is written: .mcp-preflight.yml:4, --suppress, input "suppress" line 1'
          },
          file: {
            type: "string",
            description: "The suppressions file, relative to the run's root"
          },
          line: {
            type: "integer",
            minimum: 1
          },
          matched: {
            type: "integer",
            minimum: 0,
            description: "Findings it suppressed in this run"
          },
          stale: {
            type: "string",
            description: "Why it matched nothing it could have (remove it); absent when it matched or could not be judged"
          }
        }
      }
    },
    merge: {
      type: "object",
      description: "Written by `mcp-preflight merge`: the legs it combined and how each server did on each.",
      required: [
        "legs",
        "servers",
        "notes"
      ],
      properties: {
        legs: {
          type: "array",
          items: {
            type: "object",
            required: [
              "label",
              "os",
              "arch",
              "node",
              "shards",
              "missingShards",
              "duplicateShards",
              "clients"
            ],
            properties: {
              label: {
                type: "string",
                description: "The leg's label (--leg), else its runner OS"
              },
              os: {
                type: "string"
              },
              arch: {
                type: "string"
              },
              node: {
                type: "string"
              },
              shards: {
                type: "integer",
                minimum: 1
              },
              missingShards: {
                type: "array",
                items: {
                  type: "integer"
                }
              },
              duplicateShards: {
                type: "array",
                items: {
                  type: "integer"
                }
              },
              clients: {
                type: "array",
                items: {
                  type: "string"
                }
              },
              cancelled: {
                type: "string"
              }
            }
          }
        },
        servers: {
          type: "array",
          items: {
            type: "object",
            required: [
              "name",
              "config",
              "line",
              "cells"
            ],
            properties: {
              name: {
                type: "string"
              },
              config: {
                type: "string"
              },
              line: {
                type: "integer"
              },
              cells: {
                type: "object",
                description: "Keyed by leg label; a leg is absent when the server's shard of it is missing.",
                additionalProperties: {
                  type: "object",
                  required: [
                    "status",
                    "clients"
                  ],
                  properties: {
                    status: {
                      enum: [
                        "pass",
                        "warn",
                        "fail",
                        "skip"
                      ]
                    },
                    clients: {
                      type: "object"
                    },
                    reason: {
                      type: "string"
                    }
                  }
                }
              },
              difference: {
                type: "string",
                description: "Set when the legs disagree, e.g. fails on windows-latest: \u2026; passes on Linux and macOS"
              }
            }
          }
        },
        notes: {
          type: "array",
          items: {
            type: "string"
          }
        }
      }
    }
  },
  $defs: {
    status: {
      enum: [
        "pass",
        "warn",
        "fail",
        "skip"
      ]
    },
    position: {
      type: "object",
      properties: {
        message: {
          type: "string"
        },
        line: {
          type: "integer",
          minimum: 1
        },
        column: {
          type: "integer",
          minimum: 1
        }
      }
    },
    check: {
      type: "object",
      required: [
        "id",
        "title",
        "status",
        "message",
        "docs",
        "remediation"
      ],
      properties: {
        id: {
          type: "string",
          pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"
        },
        title: {
          type: "string"
        },
        status: {
          $ref: "#/$defs/status"
        },
        message: {
          type: "string"
        },
        evidence: {
          type: "array",
          items: {
            type: "string"
          }
        },
        line: {
          type: "integer",
          minimum: 1
        },
        column: {
          type: "integer",
          minimum: 1
        },
        docs: {
          type: "string",
          pattern: "^docs/checks/[a-z0-9-]+\\.md$"
        },
        remediation: {
          type: "string"
        },
        client: {
          type: "string",
          description: "Set when the finding concerns one client profile only"
        },
        suppressed: {
          type: "object",
          description: "A finding accepted on purpose: status keeps what the check found, but it does not count toward the server's status, the totals or fail-on",
          required: [
            "reason",
            "source"
          ],
          properties: {
            reason: {
              type: "string"
            },
            source: {
              type: "string"
            }
          }
        }
      }
    }
  }
};

// src/report/merge-input.ts
var MAX_MERGE_REPORTS = 256;
var MAX_REPORT_BYTES = 64 * 1024 * 1024;
var MergeInputError = class extends Error {
};
var dateTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
var validator;
async function readMergeInputs(paths, cwd, limits = { maxReports: MAX_MERGE_REPORTS, maxBytes: MAX_REPORT_BYTES }) {
  const files = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const info = await stat(full).catch(() => void 0);
    if (!info) throw new MergeInputError(`${forTerminal(given)}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => n.endsWith(".json")).sort();
      if (names.length === 0) throw new MergeInputError(`${forTerminal(given)}: no .json report in this folder`);
      files.push(...names.map((n) => path.join(full, n)));
    } else files.push(full);
    if (files.length > limits.maxReports) {
      throw new MergeInputError(`more than ${limits.maxReports} reports to merge: a matrix has at most 256 legs`);
    }
  }
  if (files.length === 0) throw new MergeInputError("no report to merge");
  const inputs = [];
  for (const file of files) {
    const source = path.relative(cwd, file) || file;
    inputs.push({ source, report: await readOne(file, source, limits.maxBytes) });
  }
  return inputs;
}
async function readOne(file, source, maxBytes) {
  const shown = forTerminal(source);
  const info = await stat(file);
  if (!info.isFile()) throw new MergeInputError(`${shown}: not a regular file`);
  if (info.size > maxBytes) throw new MergeInputError(`${shown}: ${info.size} bytes, over the ${maxBytes}-byte cap for a report`);
  let value;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch {
    throw new MergeInputError(`${shown}: not JSON (is it an mcp-preflight report?)`);
  }
  const record = typeof value === "object" && value !== null ? value : {};
  const tool = record.tool;
  if (tool?.name !== "mcp-preflight") throw new MergeInputError(`${shown}: not an mcp-preflight report`);
  if (record.schemaVersion !== 1 || tool.version !== TOOL_VERSION) {
    throw new MergeInputError(
      `${shown}: written by mcp-preflight ${forTerminal(String(tool.version))} (report schema ${forTerminal(String(record.schemaVersion))}); this is ${TOOL_VERSION} (schema 1): merge with the version every leg ran`
    );
  }
  validator ??= new import__.Ajv2020({ strict: false, allErrors: false }).addFormat("date-time", dateTime).compile(report_schema_default);
  if (!validator(value)) {
    const error = validator.errors?.[0];
    throw new MergeInputError(`${shown}: not a valid report (${forTerminal(`${error?.instancePath || "/"} ${error?.message ?? ""}`)})`);
  }
  return value;
}

// src/report/job-summary.ts
var JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
var icons = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C", skip: "\u23ED\uFE0F" };
var words = { pass: "passed", warn: "warned", fail: "failed", skip: "skipped" };
var verdictIcons = { works: "\u2705", warn: "\u26A0\uFE0F", fails: "\u274C", unknown: "\u2754" };
var osNames2 = { linux: "Linux", win32: "Windows", darwin: "macOS" };
var maxNameChars = 200;
var maxMessageChars = 4e3;
var maxLineChars = 500;
function renderJobSummary(report, options = {}) {
  const maxBytes = options.maxBytes ?? JOB_SUMMARY_LIMIT_BYTES - 16 * 1024;
  const link = (check) => docsUrl(check.docs, options.docs);
  const budget = new Budget(maxBytes - bytes(options.footer ?? "") - 1024);
  budget.force(headline(report));
  budget.force(facts(report));
  if (report.settings.isolation) {
    const [line, ...notes] = describeIsolation(report.settings.isolation);
    budget.force(`<p>${escapeHtml(line ?? "")}${notes.map((n) => `<br>
<sub>${escapeHtml(n)}</sub>`).join("")}</p>`);
  }
  const problems = configProblems(report.configs, link);
  if (problems.length > 0) {
    budget.force("<h3>Config files</h3>\n<ul>");
    const shown = budget.addWhileFits(problems, 32);
    budget.force("</ul>");
    if (shown < problems.length) budget.force(note(`${problems.length - shown} of ${problems.length} config findings`));
  }
  const matrix = clientMatrixView(report, { always: true });
  const clients = matrix?.clients ?? [];
  const rows = report.servers.map((server) => summaryRow(server, clients));
  if (rows.length > 0) {
    budget.force(`<table>
${summaryTableHead(clients)}
<tbody>`);
    const shown = budget.addWhileFits(rows, 32);
    budget.force("</tbody></table>");
    if (clients.length > 0) budget.force(`<p><sub>${escapeHtml(CLIENT_LEGEND)}</sub></p>`);
    if (shown < rows.length) budget.force(note(`${rows.length - shown} of ${rows.length} table rows`));
  }
  const suppressions = suppressionNotes(report);
  if (suppressions.length > 0) budget.addWhileFits(suppressions, 32);
  const details = (function* () {
    for (const s of report.servers) yield serverDetails(s, options);
  })();
  const shownDetails = budget.addWhileFits(details, 0);
  const total = report.servers.length;
  if (shownDetails < total) budget.force(note(`the details of ${total - shownDetails} of ${total} servers`));
  if (options.footer) budget.force(options.footer);
  return `${budget.parts.join("\n")}
`;
}
var SUPPRESSED_ICON = "\u{1F515}";
function suppressionNotes(report) {
  const count = report.servers.reduce((n, s) => n + s.checks.filter((c) => c.suppressed).length, 0);
  const stale = (report.suppressions ?? []).filter((x) => x.stale !== void 0);
  const notes = count ? [`<p>${SUPPRESSED_ICON} ${plural(count, "finding")} suppressed on purpose: each is listed under its server with its reason.</p>`] : [];
  if (stale.length > 0) {
    const items = stale.map((x) => {
      const what = `<code>${escapeHtml(x.check)}</code>${x.server !== void 0 ? ` for <code>${escapeHtml(truncate(x.server, maxNameChars))}</code>` : ""}`;
      return `<li>${icons.warn} ${what} (<code>${escapeHtml(x.source)}</code>): ${escapeHtml(x.stale ?? "")}</li>`;
    });
    notes.push(`<p>${plural(stale.length, "stale suppression")}: they matched nothing; remove them.</p>
<ul>${items.join("")}</ul>`);
  }
  return notes;
}
function headline(report) {
  if (report.cancelled) return `<h2>\u23F9\uFE0F mcp-preflight: ${escapeHtml(cancelledLine(report))}</h2>`;
  const t = report.totals;
  const servers = plural(t.servers, "MCP server");
  let text;
  let icon;
  if (t.failed > 0 || t.configErrors > 0) {
    icon = icons.fail;
    text = t.failed > 0 ? `${t.failed} of ${servers} failed` : `${plural(t.configErrors, "config file")} could not be read`;
  } else if (t.warned > 0) {
    icon = icons.warn;
    text = `${servers} checked, ${t.warned} with warnings`;
  } else if (t.servers === 0) {
    icon = icons.skip;
    text = "no MCP servers checked";
  } else {
    icon = icons.pass;
    text = t.passed === t.servers ? `all ${servers} passed` : `${servers} checked, none failed`;
  }
  return `<h2>${icon} mcp-preflight: ${text}</h2>`;
}
function facts(report) {
  const t = report.totals;
  const counts = `${t.passed} passed, ${t.warned} warned, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`;
  const configs = `${plural(t.servers, "server")} in ${plural(t.configs, "config file")}${t.configErrors ? ` (${t.configErrors} unreadable)` : ""}`;
  const runner = `${osNames2[report.runner.os] ?? report.runner.os} ${report.runner.arch}, Node ${report.runner.node}`;
  const tool = `${report.tool.name} ${report.tool.version}`;
  return `<p>${escapeHtml([`${configs}: ${counts}`, formatMs(report.durationMs), runner, tool].join(" \xB7 "))}</p>`;
}
function configProblems(configs, link) {
  const items = configs.flatMap((config) => {
    const flagged = config.checks.filter((c) => c.status === "fail" || c.status === "warn");
    const where = (line, column) => `${config.path}${line ? `:${line}${column ? `:${column}` : ""}` : ""}`;
    const fromChecks = flagged.map(
      (c) => `<li>${icons[c.status]} <code>${escapeHtml(where(c.line ?? config.error?.line, c.column ?? config.error?.column))}</code> ${docsLink(c, link)}: ${escapeHtmlWithCode(truncate(c.message, maxMessageChars))}</li>`
    );
    if (config.error && !flagged.some((c) => c.status === "fail")) {
      fromChecks.push(
        `<li>${icons.fail} <code>${escapeHtml(where(config.error.line, config.error.column))}</code>: ${escapeHtml(truncate(config.error.message, maxMessageChars))}</li>`
      );
    }
    return fromChecks;
  });
  return items;
}
var CLIENT_LEGEND = "Clients: \u2705 works \xB7 \u26A0\uFE0F warnings \xB7 \u274C fails \xB7 \u2754 not judged \xB7 blank: not selected. Each cell is the whole verdict for that client: the worst of the findings about it and about every client.";
function summaryTableHead(clients) {
  const columns2 = clients.map((c) => `<th>${escapeHtml(c.name)}</th>`).join("");
  return `<thead><tr><th>Server</th><th>Status</th>${columns2}<th>Startup</th><th>Tools</th><th>Failed</th><th>Warnings</th></tr></thead>`;
}
function summaryRow(server, clients) {
  const counted = server.checks.filter((c) => !c.suppressed);
  const failures = counted.filter((c) => c.status === "fail");
  const warnings = counted.filter((c) => c.status === "warn");
  const suppressed = server.checks.length - counted.length;
  const [first, ...more] = failures;
  const verdicts = clients.map((c) => server.clients?.[c.id]).filter((v) => v !== void 0);
  const ownLaunch = first && verdicts.some((v) => v.status === "works") && verdicts.every((v) => v.status !== "fails") ? `<br><sub>not in the client${verdicts.length === 1 ? "" : "s"} above: ${verdicts.length === 1 ? "it starts" : "they start"} the server ${verdicts.length === 1 ? "its" : "their"} own way</sub>` : "";
  const failed = first ? `${checkId(first.id)}: ${escapeHtmlWithCode(oneLineReason(first.message))}${more.length ? `<br><sub>also ${more.map((c) => checkId(c.id)).join(", ")}</sub>` : ""}${ownLaunch}` : "\u2014";
  const warned = [
    ...unique(warnings.map((c) => c.id)).map(checkId),
    ...suppressed ? [`${SUPPRESSED_ICON} ${suppressed} suppressed`] : []
  ];
  const tools = server.capabilities && "tools" in server.capabilities ? String(server.tools.length) : "\u2014";
  const cells = [
    `<code>${noBreakAtHyphens(escapeHtml(truncate(server.name, maxNameChars)))}</code><br><sub>${escapeHtml(`${server.config}:${server.line}`)}</sub>`,
    `${icons[server.status]}&nbsp;${words[server.status]}`,
    ...clients.map((c) => verdictCell(server.clients?.[c.id])),
    server.startupMs === null ? "\u2014" : formatMs(server.startupMs),
    tools,
    failed,
    warned.length ? warned.join(", ") : "\u2014"
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}
function verdictCell(verdict) {
  return verdict ? verdictIcons[verdict.status] : "";
}
function oneLineReason(message) {
  const sentence = /^[\s\S]*?[.!?](?=\s+[A-Z0-9("`$]|$)/.exec(message)?.[0] ?? message;
  return truncateWords(sentence, 160);
}
function truncateWords(text, max) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}\u2026`;
}
function serverDetails(server, options = {}) {
  const link = (check) => docsUrl(check.docs, options.docs);
  const evidenceLines = options.evidenceLines ?? 10;
  const stderrLines = options.stderrLines ?? 20;
  const failed = server.checks.filter((c) => c.status === "fail" && !c.suppressed).length;
  const warned = server.checks.filter((c) => c.status === "warn" && !c.suppressed).length;
  const suppressed = server.checks.filter((c) => c.suppressed).length;
  const counts = [
    failed ? `${failed} failed` : "",
    warned ? plural(warned, "warning") : "",
    suppressed ? `${suppressed} suppressed` : ""
  ].filter(Boolean);
  const label = `${icons[server.status]} <code>${escapeHtml(truncate(server.name, maxNameChars))}</code> \xB7 ${escapeHtml(`${server.config}:${server.line}`)}${counts.length ? ` \xB7 ${counts.join(", ")}` : ""}`;
  const findings = server.checks.filter((c) => c.suppressed || c.status === "fail" || c.status === "warn");
  const quoted = findings.some((c) => (c.evidence ?? []).some((line) => line.startsWith("stderr:")));
  const stderrHost = quoted ? void 0 : findings.find((c) => c.status === "fail" && !c.suppressed) ?? findings.find((c) => !c.suppressed);
  const stderr = server.stderrTail.slice(-stderrLines);
  const rows = findings.map((check) => {
    const evidence = check.evidence ?? [];
    const shown = evidence.slice(0, evidenceLines);
    if (evidence.length > shown.length) shown.push(`\u2026 ${evidence.length - shown.length} more lines in the JSON report`);
    const fix = check.suppressed ? `<br><b>Suppressed</b> (${check.status}) by <code>${escapeHtml(check.suppressed.source)}</code>: ${escapeHtml(check.suppressed.reason)}` : needsRemediation(check) ? `<br><b>Fix:</b> ${escapeHtmlWithCode(check.remediation)}` : "";
    const stderrBlock = check === stderrHost && stderr.length ? `<br>Last ${plural(stderr.length, "stderr line")}${server.stderrTail.length > stderr.length ? ` (of ${server.stderrTail.length} kept)` : ""}:${pre(stderr)}` : "";
    const where = check.line && check.line !== server.line ? ` <sub>line ${check.line}${check.column ? `:${check.column}` : ""}</sub>` : "";
    const client = check.client ? ` <sub>${escapeHtml(check.client)}</sub>` : "";
    return `<tr><td>${check.suppressed ? SUPPRESSED_ICON : icons[check.status]}</td><td>${docsLink(check, link)}${where}${client}</td><td>${escapeHtmlWithCode(truncate(check.message, maxMessageChars))}${fix}${shown.length ? pre(shown) : ""}${stderrBlock}</td></tr>`;
  });
  const table = rows.length ? `<table><thead><tr><th></th><th>Check</th><th>Result</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : "";
  return `<details><summary>${label}</summary>${table}${notRunLines(server)}${passedLine(server)}</details>`;
}
function notRunLines(server) {
  const byCause = /* @__PURE__ */ new Map();
  for (const check of server.checks.filter((c) => c.status === "skip" && !c.suppressed)) {
    const cause = skipCause(check.message);
    byCause.set(cause, [...byCause.get(cause) ?? [], check.id]);
  }
  return [...byCause].map(
    ([cause, ids]) => `<p>${icons.skip} ${plural(ids.length, "check")} not run: ${escapeHtmlWithCode(cause)}<br><sub>${ids.map(checkId).join(" ")}</sub></p>`
  ).join("");
}
function skipCause(message) {
  return message.replace(/^Skipped because\s+/i, "").replace(/\s*\(needed by [^)]*\)/g, "").replace(/\.$/, "");
}
function passedLine(server) {
  const passed = server.checks.filter((c) => c.status === "pass" && !c.suppressed);
  return passed.length ? `<p>${icons.pass} ${plural(passed.length, "check")} passed: <sub>${passed.map((c) => checkId(c.id)).join(" ")}</sub></p>` : "";
}
function pre(lines) {
  return `<pre>${escapePre(lines.flatMap((line) => hardWrap(truncate(line, maxLineChars), PRE_WIDTH)))}</pre>`;
}
var PRE_WIDTH = 100;
function checkId(id) {
  return `<code>${noBreakAtHyphens(escapeHtml(id))}</code>`;
}
function noBreakAtHyphens(escaped) {
  return escaped.replace(/-/g, "-&#8288;");
}
function unique(values) {
  return [...new Set(values)];
}
function docsLink(check, link) {
  const href = link(check);
  const id = checkId(check.id);
  return /^https?:\/\//.test(href) ? `<a href="${escapeAttribute(href)}">${id}</a>` : id;
}
function escapeAttribute(value) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function note(what) {
  return `<p><em>${escapeHtml(`${what} left out to stay under GitHub's 1 MiB job summary limit; the JSON report (output report-path) has everything.`)}</em></p>`;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function bytes(text) {
  return Buffer.byteLength(text, "utf8");
}
var Budget = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  parts = [];
  used = 0;
  /** Adds parts in order until one does not fit (keeping `reserve` bytes back); returns how many were added. */
  addWhileFits(parts, reserve) {
    let count = 0;
    for (const part of parts) {
      const size = bytes(part) + 1;
      if (this.used + size + reserve > this.limit) break;
      this.parts.push(part);
      this.used += size;
      count++;
    }
    return count;
  }
  force(part) {
    this.parts.push(part);
    this.used += bytes(part) + 1;
  }
};

// src/report/merge-render.ts
var statusIcons = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C", skip: "\u23ED\uFE0F" };
var verdictIcons2 = { works: "\u2705", warn: "\u26A0\uFE0F", fails: "\u274C", unknown: "\u2754" };
var statusWords = { pass: "pass", warn: "warn", fail: "FAIL", skip: "skip" };
var verdictWords = { works: "works", warn: "warn", fails: "FAILS", unknown: "?" };
var maxNameChars2 = 100;
function columns(legs) {
  return legs.flatMap((leg) => leg.clients.length > 0 ? leg.clients.map((client) => ({ leg: leg.label, client })) : [{ leg: leg.label }]);
}
function cellOf(cell2, column) {
  if (!cell2) return { icon: "\u2014", word: "\u2014" };
  const verdict = column.client === void 0 ? void 0 : cell2.clients[column.client];
  if (verdict) return { icon: verdictIcons2[verdict.status], word: verdictWords[verdict.status] };
  if (Object.keys(cell2.clients).length > 0) return { icon: "", word: "" };
  return { icon: statusIcons[cell2.status], word: statusWords[cell2.status] };
}
function legLine(leg) {
  const shards = leg.shards > 1 ? `, ${leg.shards} shards` : "";
  return `${leg.label} (${leg.os} ${leg.arch}, Node ${leg.node}${shards})`;
}
function mergeTerminalLines(merged) {
  const cols = columns(merged.legs);
  const head = ["server", ...cols.map((c) => c.client ? `${c.leg} \xB7 ${c.client}` : c.leg)];
  const rows = merged.servers.map((s) => [forTerminal(truncate(s.name, maxNameChars2)), ...cols.map((c) => cellOf(s.cells[c.leg], c).word)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const lines = [`Merged ${merged.legs.length} leg(s): ${merged.legs.map(legLine).join("; ")}`, "", line(head), ...rows.map(line), ""];
  const differing = merged.servers.filter((s) => s.difference);
  for (const s of differing) lines.push(`${forTerminal(truncate(s.name, maxNameChars2))}: ${s.difference}`);
  for (const note2 of merged.notes) lines.push(`note: ${note2}`);
  if (differing.length > 0 || merged.notes.length > 0) lines.push("");
  return lines;
}
function renderMergeSummary(merged, options = {}) {
  const cols = columns(merged.legs);
  const budget = options.maxBytes ?? 1024 * 1024 - 16 * 1024;
  const maxTableRows = budget < 2e5 ? 40 : 300;
  const parts = [];
  parts.push(`<p>Merged from ${merged.legs.length} leg(s): ${merged.legs.map((l) => escapeHtml(legLine(l))).join(" \xB7 ")}</p>`);
  const head = cols.map((c) => `<th>${escapeHtml(c.leg)}${c.client ? `<br><sub>${escapeHtml(c.client)}</sub>` : ""}</th>`).join("");
  parts.push(`<table>
<thead><tr><th>Server</th>${head}</tr></thead>
<tbody>`);
  for (const s of merged.servers.slice(0, maxTableRows)) {
    const cells = cols.map((c) => `<td>${cellOf(s.cells[c.leg], c).icon}</td>`).join("");
    parts.push(`<tr><td><code>${escapeHtml(truncate(s.name, maxNameChars2))}</code></td>${cells}</tr>`);
  }
  parts.push("</tbody></table>");
  parts.push(
    `<p>${escapeHtml("\u2705 works/passes \xB7 \u26A0\uFE0F warnings \xB7 \u274C fails \xB7 \u2754 not judged \xB7 blank: not judged for that client \xB7 \u2014 not checked on that leg (its shard is missing)")}</p>`
  );
  const differing = merged.servers.filter((s) => s.difference);
  if (differing.length > 0) {
    const items = differing.slice(0, maxTableRows).map((s) => `<li><code>${escapeHtml(truncate(s.name, maxNameChars2))}</code> ${escapeHtml(s.difference ?? "")}</li>`);
    parts.push(`<h3>Depends on the leg</h3>
<ul>${items.join("")}</ul>`);
  }
  if (merged.notes.length > 0) parts.push(`<ul>${merged.notes.map((n) => `<li>\u26A0\uFE0F ${escapeHtml(n)}</li>`).join("")}</ul>`);
  const head2 = `${parts.join("\n")}
`;
  const maxBytes = Math.max(8 * 1024, budget - Buffer.byteLength(head2));
  const body = renderJobSummary(merged.report, { ...options, maxBytes });
  const split = body.indexOf("\n");
  return `${body.slice(0, split + 1)}${head2}${body.slice(split + 1)}`;
}

export {
  mergeReports,
  MergeInputError,
  readMergeInputs,
  renderJobSummary,
  mergeTerminalLines,
  renderMergeSummary
};
