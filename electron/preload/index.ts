import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PRINT_PDF_CHANNEL } from '../../shared/ipc/channels'
import type { AppEvent, LoopdeskApi } from '../../shared/ipc/contract'

// The renderer gets two functions, never ipcRenderer itself: every request goes through one
// channel to the main process, which validates it against the contract.
const api: LoopdeskApi = {
  invoke: (method, payload) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, payload),
  printToPdf: (fileName) => ipcRenderer.invoke(IPC_PRINT_PDF_CHANNEL, fileName),
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent)
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler)
    }
  },
}

contextBridge.exposeInMainWorld('loopdesk', api)
