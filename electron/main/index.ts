import { app, BrowserWindow, dialog, ipcMain, net, protocol, type IpcMainInvokeEvent } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { CountryCode } from 'libphonenumber-js'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PRINT_PDF_CHANNEL } from '../../shared/ipc/channels'
import type { AppEvent } from '../../shared/ipc/contract'
import { findCallTrigger, resolveLaunchConfig } from '../core/cli/launchArgs'
import { createCore, type Core } from '../core/core'
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  hardenWebContents,
  isTrustedUrl,
} from './security'

const here = path.dirname(fileURLToPath(import.meta.url))
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const rendererDir = path.join(here, '../renderer')

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let core: Core | null = null
let mainWindow: BrowserWindow | null = null

/** The Electron-ABI build of better-sqlite3 made by scripts/ensure-electron-native.mjs, if present. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath, 'native', `electron-${process.versions.modules}`, 'better_sqlite3.node'),
    path.join(
      app.getAppPath(),
      'build',
      'native',
      `electron-${process.versions.modules}`,
      'better_sqlite3.node',
    ),
  ]
  return candidates.find((file) => fs.existsSync(file))
}

function sendEvent(event: AppEvent): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
  mainWindow.webContents.send(IPC_EVENT_CHANNEL, event)
}

function handleCallArgs(argv: readonly string[], atLaunch: boolean): void {
  const trigger = findCallTrigger(argv)
  if (!trigger) return
  if (!trigger.ok) {
    console.warn(`Ignored call trigger: ${trigger.reason}`)
    return
  }
  if (atLaunch || !mainWindow) core?.setPendingCall(trigger.number)
  else sendEvent({ type: 'call.incoming', number: trigger.number })
}

/** Serves the built renderer from app://loopdesk/, refusing any path outside its folder. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    let relative: string
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    } catch {
      return new Response('Malformed URL', { status: 400 })
    }
    const file = path.resolve(rendererDir, `.${relative}`)
    if (url.host !== 'loopdesk' || !file.startsWith(rendererDir + path.sep)) {
      return new Response('Forbidden', { status: 403 })
    }
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}

/** Only our own top frame, showing our own renderer, may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return (
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isTrustedUrl(frame.url, devServerUrl)
  )
}

/** The dashboard report as a PDF: Chromium's printToPDF of our own window, saved where the user picks. */
async function savePdf(event: IpcMainInvokeEvent, suggested: unknown) {
  if (!isTrustedSender(event) || !mainWindow) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'Request from an untrusted frame was refused' } }
  }
  // Only a plain file name is taken from the renderer; the folder is the user's choice.
  const name =
    typeof suggested === 'string' && /^[\w .()-]{1,80}\.pdf$/i.test(suggested)
      ? suggested
      : 'LoopDesk-Bericht.pdf'
  const choice = await dialog.showSaveDialog(mainWindow, {
    defaultPath: path.join(app.getPath('documents'), name),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  })
  if (choice.canceled || !choice.filePath) return { ok: true, value: null }
  try {
    const pdf = await event.sender.printToPDF({ printBackground: true, landscape: true, pageSize: 'A4' })
    await fs.promises.writeFile(choice.filePath, pdf)
    return { ok: true, value: { path: choice.filePath } }
  } catch (err) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `The PDF could not be saved: ${(err as Error).message}` },
    }
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'LoopDesk',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

function start(): void {
  const gotLock = app.requestSingleInstanceLock()
  if (!gotLock) {
    // Another LoopDesk is running: it receives our argv through 'second-instance'.
    app.quit()
    return
  }
  app.on('second-instance', (_event, argv) => handleCallArgs(argv, false))
  app.on('open-url', (event, url) => {
    event.preventDefault()
    handleCallArgs([url], !mainWindow)
  })
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient('loopdesk', process.execPath, [path.resolve(process.argv[1])])
  } else {
    app.setAsDefaultProtocolClient('loopdesk')
  }
  hardenWebContents(devServerUrl)

  void app.whenReady().then(async () => {
    denyPermissions()
    registerAppProtocol()
    try {
      const config = resolveLaunchConfig(process.argv, process.env, app.getPath('userData'))
      const nativeBinding = electronNativeBinding()
      core = await createCore({
        dbPath: config.dbPath,
        region: config.region as CountryCode,
        mode: 'electron',
        demo: config.demo,
        ...(nativeBinding ? { nativeBinding } : {}),
      })
    } catch (err) {
      dialog.showErrorBox('LoopDesk cannot start', (err as Error).message)
      app.exit(1)
      return
    }
    const activeCore: Core = core
    ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Request from an untrusted frame was refused' },
        }
      }
      return activeCore.dispatch(method, payload, { session: `ipc:${event.sender.id}` })
    })
    ipcMain.handle(IPC_PRINT_PDF_CHANNEL, (event, suggested: unknown) => savePdf(event, suggested))
    handleCallArgs(process.argv, true)
    mainWindow = createWindow()
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    const closing = core
    if (!closing) return
    // Let the analytics worker finish and the database close cleanly before exiting.
    event.preventDefault()
    core = null
    void closing.close().finally(() => app.quit())
  })
}

start()
